package io.vtdoracle.check;

import java.util.Objects;

/**
 * What a failing test case threw, with the key that identifies its kind.
 *
 * <p>The key of a {@link PropertyFailure} is its own; for any other throwable it is the exception
 * class plus its top stack frame outside the JDK (e.g.
 * {@code java.lang.ArithmeticException@Calc.eval:31}), so a shrunk case must fail the same way at
 * the same place, while its message (which usually holds values) may change.
 *
 * @param key     the kind of failure, compared by the shrinker
 * @param message a one-line description
 * @param cause   the throwable, or null
 */
public record Failure(String key, String message, Throwable cause) {

    /** The failure described by {@code t}. */
    public static Failure of(Throwable t) {
        Objects.requireNonNull(t);
        if (t instanceof PropertyFailure pf) {
            return new Failure(pf.key(), String.valueOf(pf.getMessage()), t);
        }
        return new Failure(keyOf(t), t.toString(), t);
    }

    /** The key of a throwable that is not a {@link PropertyFailure}. */
    static String keyOf(Throwable t) {
        StackTraceElement[] trace = t.getStackTrace();
        StackTraceElement top = null;
        for (StackTraceElement e : trace) {
            String c = e.getClassName();
            if (!(c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun."))) {
                top = e;
                break;
            }
        }
        if (top == null && trace.length > 0) {
            top = trace[0];
        }
        String where = top == null
                ? "?"
                : top.getClassName() + "." + top.getMethodName() + ":" + top.getLineNumber();
        return t.getClass().getName() + "@" + where;
    }
}
