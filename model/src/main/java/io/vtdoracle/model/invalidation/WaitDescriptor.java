package io.vtdoracle.model.invalidation;

import io.vavr.collection.List;
import io.vavr.control.Option;
import io.vtdoracle.api.Event;
import io.vtdoracle.model.Transition;
import io.vtdoracle.model.UnitState;
import io.vtdoracle.model.fault.InvalidationEvents;

/**
 * §6.5.2.8: the invalidation wait descriptor (type 5h). Processing is synchronous, so every earlier descriptor
 * has completed when it runs; FN (6) needs nothing more, and a descriptor with neither SW nor IF is a valid fence.
 *
 * @param statusWrite   SW (5): write {@code statusData} to {@code statusAddress}
 * @param interrupt     IF (4): signal the invalidation completion event
 * @param statusAddress high 63:2
 * @param statusData    low 63:32
 */
record WaitDescriptor(boolean statusWrite, boolean interrupt, long statusAddress, int statusData)
        implements Descriptor {

    /** Reserved: low 8:7 and 31:12; high 1:0. */
    private static final long RESERVED_LOW = 0xFFFF_F180L;
    private static final long RESERVED_HIGH = 0x3L;

    static Option<Descriptor> decode(long low, long high) {
        return (low & RESERVED_LOW) != 0 || (high & RESERVED_HIGH) != 0 ? Option.none()
                : Option.some(new WaitDescriptor((low & 1 << 5) != 0, (low & 1 << 4) != 0, high,
                (int) (low >>> 32)));
    }

    /** The status write first, then the interrupt; a status write outside guest memory fails. */
    @Override
    public Option<Transition> execute(UnitState state) {
        Option<Transition> written = statusWrite
                ? state.memory().writeDword(statusAddress, statusData).map(memory ->
                new Transition(state.withMemory(memory),
                        List.of(new Event.StatusWritten(statusAddress, statusData))))
                : Option.some(Transition.of(state));
        return interrupt ? written.map(done -> done.then(InvalidationEvents::waitCompleted)) : written;
    }
}
