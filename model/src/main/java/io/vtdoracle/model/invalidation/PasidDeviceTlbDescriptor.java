package io.vtdoracle.model.invalidation;

import io.vavr.control.Option;
import io.vtdoracle.model.Transition;
import io.vtdoracle.model.UnitState;

/**
 * §6.5.2.6: the PASID-based device-TLB invalidate descriptor (type 8h, scalable mode, ECAP.DT). A device-TLB entry
 * with a PASID comes from a translation request with PASID, which the model does not serve, so a valid one has no
 * effect and tells no listener (contract §9.8, §9.10).
 */
record PasidDeviceTlbDescriptor() implements Descriptor {

    /**
     * Reserved: high 10:1. Low: MIP 8:4, PFSID 15:12 and 63:52, SID 31:16 and PASID 51:32 are fields; high: G 0,
     * S 11, ADDR 63:12.
     */
    private static final long RESERVED_HIGH = 0x7FEL;

    static Option<Descriptor> decode(long low, long high) {
        return (high & RESERVED_HIGH) != 0 ? Option.none() : Option.some(new PasidDeviceTlbDescriptor());
    }

    @Override
    public Option<Transition> execute(UnitState state) {
        return Option.some(Transition.of(state));
    }
}
