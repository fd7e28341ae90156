package io.vtdoracle.model.pasid;

import io.vtdoracle.model.roottable.AddressWidth;

/**
 * A scalable-mode PASID directory entry (§9.5): 64 bits at {@code PASIDDIRPTR + (PASID >> 6)·8}, naming the PASID
 * table of 64 PASIDs.
 *
 * @param value bits 63:0: P (0), FPD (1), SMPTBLPTR (63:12)
 */
public record PasidDirectoryEntry(long value) {

    /** §9.5: P. */
    public boolean present() {
        return (value & 1) != 0;
    }

    /** §9.5: FPD, recording of qualified faults through this entry is disabled (evaluated whatever P is). */
    public boolean faultProcessingDisabled() {
        return (value & 2) != 0;
    }

    /** §9.5: SMPTBLPTR, the 4 KiB-aligned address of the PASID table. */
    public long pasidTablePointer() {
        return value & ~0xFFFL;
    }

    /** §9.5: reserved fields: bits 11:2 and pointer bits at or above the host address width. */
    public boolean reservedBitsSet(int hostAddressWidth) {
        return (value & (0xFFCL | AddressWidth.beyond(hostAddressWidth))) != 0;
    }
}
