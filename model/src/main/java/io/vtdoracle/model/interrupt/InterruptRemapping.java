package io.vtdoracle.model.interrupt;

import io.vavr.collection.List;
import io.vtdoracle.api.MsiMessage;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Result;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.model.Alternative;
import io.vtdoracle.model.UnitState;

/** An interrupt request in the interrupt window (§5.1, contract §5). SKELETON: owned by the interrupt chapter. */
public final class InterruptRemapping {

    private InterruptRemapping() {
    }

    /** The behaviours allowed for an interrupt request: forwarded, or an interrupt-remapping fault. */
    public static List<Alternative> request(UnitState state, SourceId source, long address, int data) {
        return List.of(new Alternative(
                Outcome.of(new Result.InterruptForwarded(new MsiMessage(address, data))), state));
    }
}
