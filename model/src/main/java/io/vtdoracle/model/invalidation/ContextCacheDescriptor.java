package io.vtdoracle.model.invalidation;

import io.vavr.control.Option;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.model.Transition;
import io.vtdoracle.model.UnitState;

/** §6.5.2.1: the context-cache invalidate descriptor (type 1h). */
record ContextCacheDescriptor(ContextInvalidation invalidation) implements Descriptor {

    /** Reserved: low 8:6, 15:12 and 63:50; the whole high qword. */
    private static final long RESERVED_LOW = 0xFFFC_0000_0000_F1C0L;

    /** G (5:4): 1 global, 2 domain (DID 31:16), 3 device (SID 47:32, FM 49:48); 0 is invalid. */
    static Option<Descriptor> decode(long low, long high) {
        if ((low & RESERVED_LOW) != 0 || high != 0) {
            return Option.none();
        }
        int did = (int) (low >>> 16 & 0xFFFF);
        switch ((int) (low >>> 4 & 3)) {
            case 1:
                return Option.some(new ContextCacheDescriptor(new ContextInvalidation.Global()));
            case 2:
                return Option.some(new ContextCacheDescriptor(new ContextInvalidation.Domain(did)));
            case 3:
                return Option.some(new ContextCacheDescriptor(new ContextInvalidation.Device(
                        new SourceId((int) (low >>> 32 & 0xFFFF)), (int) (low >>> 48 & 3))));
            default:
                return Option.none();
        }
    }

    @Override
    public Option<Transition> execute(UnitState state) {
        return Option.some(Invalidations.context(state, invalidation));
    }
}
