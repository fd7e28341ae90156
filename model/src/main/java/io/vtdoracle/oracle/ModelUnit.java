package io.vtdoracle.oracle;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.model.Alternative;
import io.vtdoracle.model.ReferenceModel;
import io.vtdoracle.model.UnitState;

/**
 * The reference model run on its own as a {@link RemappingUnit}: each step takes the canonical alternative (the
 * behaviour of a unit that caches nothing). This is the edge between the pure model and the stateful API, and
 * the one place that holds a mutable reference.
 */
public final class ModelUnit implements RemappingUnit {

    private UnitState state;

    public ModelUnit(Capabilities capabilities) {
        this.state = ReferenceModel.powerOn(capabilities);
    }

    @Override
    public Outcome apply(Operation operation) {
        Alternative chosen = ReferenceModel.step(state, operation).canonical();
        state = chosen.next();
        return chosen.outcome();
    }

    /** The model state after the operations applied so far. */
    public UnitState state() {
        return state;
    }
}
