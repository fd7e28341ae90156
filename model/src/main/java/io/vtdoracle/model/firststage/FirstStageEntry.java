package io.vtdoracle.model.firststage;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.model.paging.PageWalk;
import io.vtdoracle.model.roottable.AddressWidth;

/**
 * A first-stage paging entry (§9.7, IA-32e paging format): one 64-bit word of a 512-entry table. Level 1 is a
 * page table, 2 a page directory, 3 a PDPT, 4 a PML4 and 5 a PML5.
 *
 * @param value the entry as read from memory
 */
public record FirstStageEntry(long value) {

    /** §9.7: A (bit 5), set by the unit in every entry a successful walk used. */
    public static final long ACCESSED = 1L << 5;
    /** §9.7: D (bit 6), set by the unit in the leaf a successful write request used. */
    public static final long DIRTY = 1L << 6;

    private static final long PAGE_SIZE = 1L << 7;
    /** §9.7: bits 51:12 can hold an address; bits 63:52 are ignored (XD among them, requests never execute). */
    private static final long ADDRESS_FIELD = ((1L << 52) - 1) & ~0xFFFL;

    /** §9.7: P (bit 0). */
    public boolean present() {
        return (value & 1) != 0;
    }

    /** §9.7: R/W (bit 1), writes are allowed through this entry. */
    public boolean writable() {
        return (value & 2) != 0;
    }

    /** §9.7: U/S (bit 2), user requests are allowed through this entry. */
    public boolean user() {
        return (value & 4) != 0;
    }

    /** §9.7: PS (bit 7), a 2 MiB page at level 2, a 1 GiB page at level 3. */
    public boolean pageSize() {
        return (value & PAGE_SIZE) != 0;
    }

    /** §3.6: the walk ends here: at level 1, or at level 2 or 3 with PS set. */
    public boolean isLeaf(int level) {
        return level == 1 || ((level == 2 || level == 3) && pageSize());
    }

    /** §9.7: the next table, or the page frame of a leaf (bits 51:12, limited to the host address width). */
    public long address(int hostAddressWidth) {
        return value & ADDRESS_FIELD & AddressWidth.below(hostAddressWidth);
    }

    /**
     * §9.7 (contract §9.6): reserved bits of a present entry at {@code level}: address bits 51:HAW everywhere; PS at
     * levels 4 and 5, and at level 3 without CAP.FS1GP; for a 2 MiB page bits 20:13, for a 1 GiB page bits 29:13
     * (bit 12 is PAT).
     */
    public boolean reservedBitsSet(int level, Capabilities capabilities) {
        long reserved = ADDRESS_FIELD & AddressWidth.beyond(capabilities.addressWidth());
        if (level >= 4 || (level == 3 && !capabilities.scalableMode().firstStage1GiB())) {
            reserved |= PAGE_SIZE;
        } else if ((level == 2 || level == 3) && pageSize()) {
            reserved |= PageWalk.pageMask(level) & ~0x1FFFL;
        }
        return (value & reserved) != 0;
    }
}
