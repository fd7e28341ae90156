package io.vtdoracle.model.invalidation;

import io.vavr.control.Option;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.model.Transition;
import io.vtdoracle.model.UnitState;
import io.vtdoracle.model.notifier.ListenerSync;

/**
 * §6.5.2.5: the device-TLB invalidate descriptor (type 3h), for IOVAs {@code first..last} (unsigned) of the
 * device {@code source}. The unit keeps no device-TLB; the VMM's listeners are told.
 */
record DeviceTlbDescriptor(SourceId source, long first, long last) implements Descriptor {

    /**
     * Reserved: low 8:4, 31:21 and 51:48; high 11:1. MIP (20:16) and PFSID (15:12, 63:52) are ignored: they
     * matter to a device's ATS, not to the unit.
     */
    private static final long RESERVED_LOW = 0x000F_0000_FFE0_01F0L;
    private static final long RESERVED_HIGH = 0xFFEL;

    /**
     * SID 47:32; high: ADDR 63:12 and S (0). S = 0: the 4 KiB page at ADDR. S = 1: 2^(13 + t) bytes with t the
     * number of trailing 1 bits of ADDR 63:12, at ADDR aligned down to that size (§6.5.2.5, Table "Invalidation
     * size encoding").
     */
    static Option<Descriptor> decode(long low, long high) {
        if ((low & RESERVED_LOW) != 0 || (high & RESERVED_HIGH) != 0) {
            return Option.none();
        }
        SourceId source = new SourceId((int) (low >>> 32 & 0xFFFF));
        int sizeBits = (high & 1) == 0 ? 12 : 13 + Long.numberOfTrailingZeros(~(high >>> 12));
        long sizeMinusOne = sizeBits >= 64 ? -1L : (1L << sizeBits) - 1;
        long first = high & ~0xFFFL & ~sizeMinusOne;
        return Option.some(new DeviceTlbDescriptor(source, first, first + sizeMinusOne));
    }

    @Override
    public Option<Transition> execute(UnitState state) {
        return Option.some(ListenerSync.afterDeviceTlbInvalidation(state, source, first, last));
    }
}
