package io.vtdoracle.properties.lockstep;

import io.vtdoracle.check.PropertyFailure;
import java.util.Optional;

/**
 * A failed lockstep check, as data: what the step did, what the unit showed, what the check allowed. The engine's
 * {@link io.vtdoracle.check.Falsification#cause()} is one of these when a suite fails, and its
 * {@link io.vtdoracle.check.Falsification#step()} is the script's failing step.
 */
public final class LockstepFailure extends PropertyFailure {

    private static final long serialVersionUID = 1L;

    private final String operation;
    private final int operationIndex;
    private final String seen;
    private final String allowed;
    private final String section;

    LockstepFailure(String key, String message, String operation, int operationIndex, String seen, String allowed,
                    String section) {
        super(key, message);
        this.operation = operation;
        this.operationIndex = operationIndex;
        this.seen = seen;
        this.allowed = allowed;
        this.section = section;
    }

    /** The operation the unit was given when the check failed, or empty for a check after the whole command. */
    public Optional<String> operation() {
        return Optional.ofNullable(operation);
    }

    /** The operation's place among the command's operations (from 1), or 0 for a check after the command. */
    public int operationIndex() {
        return operationIndex;
    }

    /** What the unit showed. */
    public String seen() {
        return seen;
    }

    /** What the check allowed instead. */
    public String allowed() {
        return allowed;
    }

    /** The specification section of the rule the check holds the unit to, if known. */
    public Optional<String> section() {
        return Optional.ofNullable(section);
    }

    /** This failure inside step {@code k} (from 1) of a probe command. */
    LockstepFailure inProbeStep(int k, Object command) {
        return new LockstepFailure(key(), "probe step " + k + " (" + command + "): " + getMessage(), operation,
                operationIndex, seen, allowed, section);
    }
}
