package io.vtdoracle.vectors;

import java.util.List;

/**
 * What one vector showed about a unit.
 *
 * @param id      the vector's id
 * @param chapter its chapter
 * @param status  passed, failed or unsupported
 * @param step    the index of the failing step (-1 unless failed at a step)
 * @param message why it failed or is unsupported ("" when passed)
 * @param notes   steps accepted only under another reading of an open point ("step 7: accepted under ambiguity A1")
 */
public record VectorResult(String id, Chapter chapter, Status status, int step, String message, List<String> notes) {

    public VectorResult {
        notes = List.copyOf(notes);
    }

    /** How a vector ended. */
    public enum Status {
        PASSED,
        FAILED,
        /** The unit refused the vector's capabilities. */
        UNSUPPORTED
    }
}
