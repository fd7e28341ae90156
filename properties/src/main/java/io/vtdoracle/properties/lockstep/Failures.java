package io.vtdoracle.properties.lockstep;

import io.vtdoracle.api.Operation;
import io.vtdoracle.check.PropertyFailure;

/** The failures a lockstep run reports: a key that shrinking preserves, and a message naming the operation. */
final class Failures {

    private Failures() {
    }

    static PropertyFailure at(String key, int index, Operation operation, String message) {
        return new PropertyFailure(key, "operation " + (index + 1) + " of the step (" + operation + "): " + message);
    }

    static PropertyFailure after(String key, String message) {
        return new PropertyFailure(key, message);
    }

    static String kind(Operation operation) {
        return operation.getClass().getSimpleName();
    }
}
