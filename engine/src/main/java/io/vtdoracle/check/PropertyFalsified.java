package io.vtdoracle.check;

/**
 * Thrown when a property fails: its message is the report of a JUnit run, {@link #falsification()} the same as
 * data.
 */
public final class PropertyFalsified extends AssertionError {

    private static final long serialVersionUID = 1L;

    private final transient Falsification falsification;

    PropertyFalsified(Falsification falsification) {
        super(falsification.text(Falsification.SYSTEM_PROPERTIES), falsification.cause());
        this.falsification = falsification;
    }

    /** The counterexample as data. */
    public Falsification falsification() {
        return falsification;
    }
}
