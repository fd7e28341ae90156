package io.vtdoracle.model.invalidation;

import io.vavr.control.Option;
import io.vtdoracle.model.Transition;
import io.vtdoracle.model.UnitState;

/**
 * §6.5.2.7: the interrupt entry cache invalidate descriptor (type 4h): G (4) global or index-selective
 * (IIDX 47:32, IM 31:27). The model caches no IRTE (contract §2.1), so a valid one has no effect.
 */
record InterruptEntryCacheDescriptor() implements Descriptor {

    /** Reserved: low 8:5, 15:12, 26:16 and 63:48; the whole high qword. */
    private static final long RESERVED_LOW = 0xFFFF_0000_07FF_F1E0L;

    static Option<Descriptor> decode(long low, long high) {
        return (low & RESERVED_LOW) != 0 || high != 0 ? Option.none()
                : Option.some(new InterruptEntryCacheDescriptor());
    }

    @Override
    public Option<Transition> execute(UnitState state) {
        return Option.some(Transition.of(state));
    }
}
