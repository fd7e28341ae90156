package io.vtdoracle.model.invalidation;

import io.vavr.control.Option;
import io.vtdoracle.model.Transition;
import io.vtdoracle.model.UnitState;

/** §6.5.2.2: the PASID-cache invalidate descriptor (type 7h, scalable mode only). */
record PasidCacheDescriptor(PasidCacheInvalidation invalidation) implements Descriptor {

    /** Reserved: low 8:6, 15:12 and 63:52; the whole high qword. */
    private static final long RESERVED_LOW = 0xFFF0_0000_0000_F1C0L;

    /** G (5:4): 0 domain-selective (DID 31:16), 1 PASID-selective (DID, PASID 51:32), 3 global; 2 is invalid. */
    static Option<Descriptor> decode(long low, long high) {
        if ((low & RESERVED_LOW) != 0 || high != 0) {
            return Option.none();
        }
        int did = (int) (low >>> 16 & 0xFFFF);
        int pasid = (int) (low >>> 32 & 0xF_FFFF);
        switch ((int) (low >>> 4 & 3)) {
            case 0:
                return Option.some(new PasidCacheDescriptor(new PasidCacheInvalidation.Domain(did)));
            case 1:
                return Option.some(new PasidCacheDescriptor(new PasidCacheInvalidation.Pasid(did, pasid)));
            case 3:
                return Option.some(new PasidCacheDescriptor(new PasidCacheInvalidation.Global()));
            default:
                return Option.none();
        }
    }

    @Override
    public Option<Transition> execute(UnitState state) {
        return Option.some(Invalidations.pasidCache(state, invalidation));
    }
}
