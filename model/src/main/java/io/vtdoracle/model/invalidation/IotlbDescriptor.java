package io.vtdoracle.model.invalidation;

import io.vavr.control.Option;
import io.vtdoracle.model.Transition;
import io.vtdoracle.model.UnitState;

/** §6.5.2.3: the IOTLB invalidate descriptor (type 2h). DR (7) and DW (6) ask for draining: always done. */
record IotlbDescriptor(IotlbInvalidation invalidation) implements Descriptor {

    /** Reserved: low 8, 15:12, 63:32; high 11:7. */
    private static final long RESERVED_LOW = 0xFFFF_FFFF_0000_F100L;
    private static final long RESERVED_HIGH = 0xF80L;

    /**
     * G (5:4): 1 global, 2 domain (DID 31:16), 3 page (DID, high: ADDR 63:12, IH 6, AM 5:0); 0 is invalid, and so
     * is a page-selective request with AM above CAP.MAMV.
     */
    static Option<Descriptor> decode(long low, long high, int maxAddressMask) {
        if ((low & RESERVED_LOW) != 0 || (high & RESERVED_HIGH) != 0) {
            return Option.none();
        }
        int did = (int) (low >>> 16 & 0xFFFF);
        int addressMask = (int) (high & 0x3F);
        switch ((int) (low >>> 4 & 3)) {
            case 1:
                return Option.some(new IotlbDescriptor(new IotlbInvalidation.Global()));
            case 2:
                return Option.some(new IotlbDescriptor(new IotlbInvalidation.Domain(did)));
            case 3:
                return addressMask > maxAddressMask ? Option.none()
                        : Option.some(new IotlbDescriptor(IotlbInvalidation.Page.aligned(did, high & ~0xFFFL,
                        addressMask, (high & 1 << 6) != 0)));
            default:
                return Option.none();
        }
    }

    @Override
    public Option<Transition> execute(UnitState state) {
        return Option.some(Invalidations.iotlb(state, invalidation));
    }
}
