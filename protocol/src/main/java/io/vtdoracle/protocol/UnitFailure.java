package io.vtdoracle.protocol;

/**
 * A unit behind the process protocol could not answer: its program died, timed out, or wrote something that is
 * not an outcome. The message names the step and what happened.
 */
public final class UnitFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnitFailure(String message) {
        super(message);
    }
}
