package io.vtdoracle.check;

/**
 * A failure with an explicit <em>key</em>: the kind of failure the shrinker must preserve.
 *
 * <p>Throw it (or call {@link TestCase#fail(String, String)}) when a property fails in a way that an
 * exception class and stack frame would not identify well, e.g. "outcome mismatch on Poll". Two
 * failures with the same key are the same bug for the shrinker; the message may differ.
 */
public class PropertyFailure extends AssertionError {

    private static final long serialVersionUID = 1L;

    private final String key;

    /** A failure of kind {@code key} described by {@code message}. */
    public PropertyFailure(String key, String message) {
        super(message);
        this.key = key;
    }

    /** The kind of failure, stable under shrinking. */
    public String key() {
        return key;
    }
}
