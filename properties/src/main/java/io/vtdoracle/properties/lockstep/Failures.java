package io.vtdoracle.properties.lockstep;

import io.vtdoracle.api.Operation;

/** The failures a lockstep run reports: a key that shrinking preserves, and a message naming the operation. */
final class Failures {

    private Failures() {
    }

    static LockstepFailure at(String key, int index, Operation operation, Violation violation) {
        return new LockstepFailure(key, "operation " + (index + 1) + " of the step (" + operation + "): "
                + violation.message(), String.valueOf(operation), index + 1, violation.seen(), violation.allowed(),
                violation.section());
    }

    static LockstepFailure after(String key, Violation violation) {
        return new LockstepFailure(key, violation.message(), null, 0, violation.seen(), violation.allowed(),
                violation.section());
    }

    static String kind(Operation operation) {
        return operation.getClass().getSimpleName();
    }
}
