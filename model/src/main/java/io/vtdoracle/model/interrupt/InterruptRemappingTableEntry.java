package io.vtdoracle.model.interrupt;

import io.vavr.collection.List;

import io.vtdoracle.api.MsiMessage;
import io.vtdoracle.api.SourceId;

/**
 * An interrupt-remapping table entry for remapped interrupts, IRTE (§9.10): 128 bits at IRTA + index·16.
 *
 * @param low  bits 63:0: P (0), FPD (1), DM (2), RH (3), TM (4), DLM (7:5), AVAIL (11:8), IM (15),
 *             V (23:16), DST (63:32)
 * @param high bits 127:64: SID (79:64), SQ (81:80), SVT (83:82)
 */
public record InterruptRemappingTableEntry(long low, long high) {

    /**
     * §9.10: reserved whatever the mode: bits 14:12, IM (15: posted interrupts are not supported, so it must be
     * 0), 31:24, and 127:84.
     */
    private static final long RESERVED_LOW = 0xFF00_F000L;
    private static final long RESERVED_HIGH = 0xFFFF_FFFF_FFF0_0000L;
    /** §9.10: in xAPIC mode (EIME = 0) only DST[15:8] is the destination; DST[7:0] and DST[31:16] are reserved. */
    private static final long RESERVED_LOW_XAPIC = 0xFFFF_00FF_0000_0000L;

    /** §9.10: P. */
    public boolean present() {
        return (low & 1) != 0;
    }

    /** §9.10: FPD, recording of faults through this entry is disabled (evaluated whatever P is). */
    public boolean faultProcessingDisabled() {
        return (low & 2) != 0;
    }

    /** §9.10: reserved fields set, for the latched interrupt mode ({@code extended} = IRTA.EIME, x2APIC). */
    public boolean reservedBitsSet(boolean extended) {
        return (low & (RESERVED_LOW | (extended ? 0 : RESERVED_LOW_XAPIC))) != 0 || (high & RESERVED_HIGH) != 0;
    }

    /**
     * §9.10 SVT/SQ/SID: whether a request of {@code source} may use this entry. SVT 0: any; 1: the source-id
     * equals SID, ignoring the function bits SQ names (SQ 1: bit 2, 2: bits 2:1, 3: bits 2:0); 2: the bus lies
     * from SID[15:8] (start bus) to SID[7:0] (end bus); 3: reserved, never.
     */
    public boolean verifies(SourceId source) {
        int sid = (int) high & 0xFFFF;
        int qualifier = (int) (high >>> 16) & 3;
        int type = (int) (high >>> 18) & 3;
        if (type == 0) {
            return true;
        } else if (type == 1) {
            int mask = switch (qualifier) {
                case 0 -> 0xFFFF;
                case 1 -> 0xFFFB;
                case 2 -> 0xFFF9;
                default -> 0xFFF8;
            };
            return (source.value() & mask) == (sid & mask);
        } else if (type == 2) {
            return source.bus() >= sid >>> 8 && source.bus() <= (sid & 0xFF);
        }
        return false;
    }

    /**
     * §5.1.4: the interrupt this entry delivers: address 0xFEE00000 with the destination's low 8 bits in 19:12,
     * RH in bit 3, DM in bit 2, and (x2APIC) the destination's upper 24 bits in 63:40; data with the vector in 7:0,
     * DLM in 10:8, TM in bit 15 and, for level-triggered interrupts, level (bit 14) asserted. The destination is
     * DST[15:8] in xAPIC mode, DST[31:0] in x2APIC mode ({@code extended}).
     */
    public MsiMessage message(boolean extended) {
        return messages(extended).head();
    }

    /**
     * The messages the entry may deliver: the level bit (data bit 14) means nothing for an edge-triggered
     * interrupt (Intel SDM Vol. 3 §11.11.2), so a unit may send it either way; the first is with it clear.
     */
    public List<MsiMessage> messages(boolean extended) {
        long destination = extended ? low >>> 32 : (low >>> 40) & 0xFF;
        long address = 0xFEE0_0000L | (destination & 0xFF) << 12 | ((low >>> 3) & 1) << 3 | ((low >>> 2) & 1) << 2
                | (destination & 0xFFFF_FF00L) << 32;
        int triggerMode = (int) (low >>> 4) & 1;
        int data = (int) (low >>> 16) & 0xFF | ((int) (low >>> 5) & 7) << 8 | triggerMode << 14 | triggerMode << 15;
        MsiMessage message = new MsiMessage(address, data);
        return triggerMode == 1 ? List.of(message) : List.of(message, new MsiMessage(address, data | 1 << 14));
    }
}
