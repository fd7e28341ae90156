package io.vtdoracle.model.fault;

import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vtdoracle.api.Event;
import io.vtdoracle.model.Transition;
import io.vtdoracle.model.UnitState;

/** What the invalidation queue reports through FSTS, ICS and the two event interrupts (§6.5.2.9 – §6.5.2.10). */
public final class InvalidationEvents {

    private InvalidationEvents() {
    }

    /** §6.5.2.10: an invalidation queue error sets FSTS.IQE, a fault event condition (§7.3.1). */
    public static Transition queueError(UnitState state) {
        return FaultEvent.hardwareUpdate(state, state.faults().withQueueError(true));
    }

    /**
     * §6.5.2.9: an invalidation wait descriptor with IF completed. If ICS.IWC is already set nothing more happens;
     * otherwise IWC is set and the invalidation completion event signalled (IECTL.IP, message unless IM).
     */
    public static Transition waitCompleted(UnitState state) {
        FaultState faults = state.faults();
        if (faults.waitCompleted()) {
            return Transition.of(state);
        }
        Tuple2<EventInterrupt, List<Event>> signalled =
                faults.completionEvent().signal(Event.InterruptSource.INVALIDATION_COMPLETION);
        return new Transition(
                state.withFaults(faults.withWaitCompleted(true).withCompletionEvent(signalled._1)), signalled._2);
    }
}
