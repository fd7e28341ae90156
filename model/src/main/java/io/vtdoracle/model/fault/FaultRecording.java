package io.vtdoracle.model.fault;

import io.vavr.collection.List;
import io.vtdoracle.model.Transition;
import io.vtdoracle.model.UnitState;

/** Primary fault logging (§7.2.1) and the fault event (§7.3.1). SKELETON: owned by the fault chapter. */
public final class FaultRecording {

    private FaultRecording() {
    }

    /**
     * The transitions recording {@code report} allows (contract §4): one, or two where a fault from a source-id
     * with a pending record may be collapsed. Includes FaultRecorded and fault-event InterruptRaised events.
     */
    public static List<Transition> record(UnitState state, FaultReport report) {
        return List.of(Transition.of(state));
    }
}
