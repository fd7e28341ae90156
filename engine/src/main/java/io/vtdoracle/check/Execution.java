package io.vtdoracle.check;

import java.util.List;
import java.util.Set;

/**
 * The outcome of running a body on one test case: status, the choices it actually made, and (if
 * interesting) its failure; labels for statistics, notes for the report and the spans of its draws
 * (start, end pairs) for the shrinker.
 */
record Execution(Status status, ChoiceSequence choices, Failure failure, Set<String> labels,
                 List<String> notes, int[] spans) {

    /** Runs {@code body} on {@code tc}; never throws (except for errors of the engine itself). */
    static Execution run(TestBody body, TestCase tc) {
        Failure failure = null;
        try {
            body.run(tc);
        } catch (TestCase.Stop stop) {
            // status already set on tc
        } catch (Throwable t) {
            if (tc.status() == null) {
                failure = Failure.of(t);
            }
        }
        Status status = tc.status() != null ? tc.status()
                : failure != null ? Status.INTERESTING : Status.VALID;
        if (status != Status.INTERESTING) {
            failure = null;
        }
        return new Execution(status, tc.choices(), failure, tc.labels(), tc.notes(),
                tc.spans());
    }

    /** True if this is a failure of kind {@code key}. */
    boolean failsWith(String key) {
        return status == Status.INTERESTING && failure.key().equals(key);
    }
}
