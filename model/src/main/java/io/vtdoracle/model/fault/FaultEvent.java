package io.vtdoracle.model.fault;

import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vtdoracle.api.Event;
import io.vtdoracle.model.Transition;
import io.vtdoracle.model.UnitState;

/** The fault event (§7.3.1): the interrupt that tells software of PPF, PFO and IQE. */
final class FaultEvent {

    private FaultEvent() {
    }

    /**
     * The unit moves its fault state to {@code after}. §7.3.1: if PPF, PFO or IQE became set while none of them
     * was set before, the fault event is signalled (IP set; with IM = 0 the message is sent and IP cleared).
     */
    static Transition hardwareUpdate(UnitState state, FaultState after) {
        if (state.faults().faultEventCondition() || !after.faultEventCondition()) {
            return Transition.of(state.withFaults(after));
        }
        Tuple2<EventInterrupt, List<Event>> signalled = after.faultEvent().signal(Event.InterruptSource.FAULT_EVENT);
        return new Transition(state.withFaults(after.withFaultEvent(signalled._1)), signalled._2);
    }

    /**
     * Software cleared status bits: §10.4.10, when PPF, PFO and IQE are all clear, IP is cleared.
     */
    static FaultState softwareUpdate(FaultState after) {
        return after.faultEventCondition() ? after : after.withFaultEvent(after.faultEvent().serviced());
    }
}
