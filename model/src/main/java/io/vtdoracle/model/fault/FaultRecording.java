package io.vtdoracle.model.fault;

import io.vavr.collection.List;
import io.vtdoracle.api.Event;
import io.vtdoracle.model.Transition;
import io.vtdoracle.model.UnitState;

/** Primary fault logging (§7.2.1) and the fault event (§7.3.1), contract §4. */
public final class FaultRecording {

    private FaultRecording() {
    }

    /**
     * The transitions recording {@code report} allows (contract §4): one, or two where a fault from a source-id
     * with a pending record may be collapsed (the collapsed one first: it leaves the most room for later faults).
     * Includes FaultRecorded and fault-event InterruptRaised events.
     */
    public static List<Transition> record(UnitState state, FaultReport report) {
        FaultState faults = state.faults();
        // §7.2.1: while PFO is set, new faults are not recorded.
        if (faults.overflow()) {
            return List.of(Transition.of(state));
        }
        Transition logged = log(state, report);
        // §7.2.1: hardware may collapse a fault from a source-id that already has an unserviced record.
        return faults.pendingFrom(report.source().value()) ? List.of(Transition.of(state), logged) : List.of(logged);
    }

    private static Transition log(UnitState state, FaultReport report) {
        FaultState faults = state.faults();
        int next = faults.nextIndex();
        // §7.2.1: the next register still holds an unserviced fault: primary fault overflow.
        if (faults.records().get(next).fault()) {
            return FaultEvent.hardwareUpdate(state, faults.withOverflow(true));
        }
        FaultRecord record = FaultRecord.of(report);
        FaultState after = faults.withRecords(faults.records().update(next, record))
                .withRecordIndex(faults.primaryPending() ? faults.recordIndex() : next)
                .withNextIndex((next + 1) % faults.records().size());
        Event recorded = new Event.FaultRecorded(next, report.source(), report.reason(), record.low(),
                report.access());
        return Transition.of(state).emit(List.of(recorded)).then(s -> FaultEvent.hardwareUpdate(s, after));
    }
}
