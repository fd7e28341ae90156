package io.vtdoracle.model.invalidation;

import io.vavr.control.Option;
import io.vtdoracle.model.Transition;
import io.vtdoracle.model.UnitState;

/** §6.5.2.4: the PASID-based IOTLB invalidate descriptor, P_IOTLB (type 6h, scalable mode only). */
record PasidIotlbDescriptor(PasidIotlbInvalidation invalidation) implements Descriptor {

    /** Reserved: low 8:6, 15:12 and 63:52; high 11:7. */
    private static final long RESERVED_LOW = 0xFFF0_0000_0000_F1C0L;
    private static final long RESERVED_HIGH = 0xF80L;

    /**
     * G (5:4): 2 PASID-selective (DID 31:16, PASID 51:32; ADDR, IH and AM are ignored), 3 page-selective-within-PASID
     * (high: ADDR 63:12, IH 6, AM 5:0, ADDR aligned down to 2^AM pages); 0 and 1 are invalid, and so is a
     * page-selective request with AM above CAP.MAMV (as for the IOTLB descriptor, contract §9.8).
     */
    static Option<Descriptor> decode(long low, long high, int maxAddressMask) {
        if ((low & RESERVED_LOW) != 0 || (high & RESERVED_HIGH) != 0) {
            return Option.none();
        }
        int did = (int) (low >>> 16 & 0xFFFF);
        int pasid = (int) (low >>> 32 & 0xF_FFFF);
        int addressMask = (int) (high & 0x3F);
        switch ((int) (low >>> 4 & 3)) {
            case 2:
                return Option.some(new PasidIotlbDescriptor(new PasidIotlbInvalidation.Pasid(did, pasid)));
            case 3:
                return addressMask > maxAddressMask ? Option.none()
                        : Option.some(new PasidIotlbDescriptor(new PasidIotlbInvalidation.PageWithinPasid(pasid,
                        IotlbInvalidation.Page.aligned(did, high & ~0xFFFL, addressMask, (high & 1 << 6) != 0))));
            default:
                return Option.none();
        }
    }

    @Override
    public Option<Transition> execute(UnitState state) {
        return Option.some(Invalidations.pasidIotlb(state, invalidation));
    }
}
