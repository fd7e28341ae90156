package io.vtdoracle.model.paging;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Permission;
import io.vtdoracle.model.roottable.AddressWidth;

/**
 * A second-level paging entry, SL-PTE (§9.8): one 64-bit word of a 512-entry table. Whether it is a leaf and which
 * bits are reserved depend on the level it was read at (1 = 4 KiB table … 4 = top of a 4-level walk).
 *
 * @param value the entry as read from memory
 */
public record SecondLevelEntry(long value) {

    private static final long PAGE_SIZE = 1L << 7;
    /** §9.8: SNP (bit 11) of a leaf; reserved without ECAP.SC (Snoop Control), as bit 11 of every other entry. */
    private static final long SNOOP = 1L << 11;
    /** §9.8: bits 51:0 can hold an address; 63 and 61:52 are ignored, 62 (TM) is reserved here. */
    private static final long ADDRESS_FIELD = (1L << 52) - 1;

    /** §9.8: R (bit 0). */
    public boolean read() {
        return (value & 1) != 0;
    }

    /** §9.8: W (bit 1). */
    public boolean write() {
        return (value & 2) != 0;
    }

    /** §3.7: an entry with neither R nor W is not present; its other bits are not checked. */
    public boolean present() {
        return read() || write();
    }

    /** The rights this entry grants by itself. */
    public Permission permission() {
        return Permission.of(read(), write());
    }

    /** §9.8: PS (bit 7), a 2 MiB page at level 2, a 1 GiB page at level 3. */
    public boolean pageSize() {
        return (value & PAGE_SIZE) != 0;
    }

    /** §3.7: the walk ends here: at level 1, or at level 2 or 3 with PS set. */
    public boolean isLeaf(int level) {
        return level == 1 || ((level == 2 || level == 3) && pageSize());
    }

    /** §9.8: ADDR (bits 63:12 limited to the host address width): the next table, or the page frame of a leaf. */
    public long address(int hostAddressWidth) {
        return value & ~0xFFFL & AddressWidth.below(hostAddressWidth);
    }

    /**
     * §9.8, contract §3 step 6c: reserved bits of a present entry at {@code level}: bits 51:HAW, bit 62 (TM) and
     * bit 11 everywhere; bit 7 at level 4; at levels 2 and 3 with PS set, PS itself without superpage support
     * (CAP.SLLPS = 0), otherwise the page frame's alignment bits (20:12 for 2 MiB, 29:12 for 1 GiB).
     */
    public boolean reservedBitsSet(int level, Capabilities capabilities) {
        long reserved = (ADDRESS_FIELD & AddressWidth.beyond(capabilities.addressWidth())) | 1L << 62 | SNOOP;
        if (level == 4) {
            reserved |= PAGE_SIZE;
        } else if ((level == 2 || level == 3) && pageSize()) {
            reserved |= capabilities.superpages() ? PageWalk.pageMask(level) & ~0xFFFL : PAGE_SIZE;
        }
        return (value & reserved) != 0;
    }

    /**
     * The reserved bits of {@link #reservedBitsSet} but SNP of a leaf: the other reading of ambiguity A8, where a
     * scalable-mode second-stage leaf's SNP is not reserved although ECAP.SC = 0 (§3.9: in scalable mode, the
     * PASID-table entry's PGSNP controls snooping).
     */
    public boolean reservedBitsSetBesideSnoop(int level, Capabilities capabilities) {
        return new SecondLevelEntry(isLeaf(level) ? value & ~SNOOP : value).reservedBitsSet(level, capabilities);
    }
}
