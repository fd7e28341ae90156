package io.vtdoracle.vectors;

import io.vtdoracle.api.Operation;
import java.util.List;

/**
 * One step of a vector: an operation and every outcome the architecture allows for it, over every history of
 * allowed outcomes of the steps before (the union: see docs/oracle-protocol.md, "Vectors").
 *
 * @param operation        what the unit is given
 * @param probe            whether the step is what the vector checks (the others set it up; all are judged)
 * @param allowed          the allowed outcomes, the model's canonical one first
 * @param historyDependent whether some earlier allowed outcome restricts this list (then membership alone is a
 *                         weaker check than the Oracle's)
 */
public record Step(Operation operation, boolean probe, List<Allowed> allowed, boolean historyDependent) {

    public Step {
        allowed = List.copyOf(allowed);
    }
}
