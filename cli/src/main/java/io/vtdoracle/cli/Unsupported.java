package io.vtdoracle.cli;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.protocol.UnitFailure;
import java.util.Optional;

/** Whether a unit refuses capabilities, asked before a run so that a refusal is a verdict, not a failure. */
final class Unsupported {

    private Unsupported() {
    }

    /** The "unsupported" verdict if {@code unit} refuses {@code capabilities} at construction. */
    static Optional<String> probe(UnitUnderTest unit, Capabilities capabilities) {
        try {
            unit.factory().create(capabilities);
            return Optional.empty();
        } catch (UnitFailure failure) {
            throw new BadArgument(failure.getMessage());
        } catch (IllegalArgumentException refused) {
            return Optional.of("unsupported: " + unit.name() + " does not support these capabilities: "
                    + refused.getMessage());
        }
    }
}
