package io.vtdoracle.model.roottable;

/**
 * A scalable-mode root entry (§9.2): 128 bits at {@code RTA + bus·16}, naming two context tables of one bus, the
 * lower for devfn 0–127 and the upper for devfn 128–255.
 *
 * @param low  bits 63:0: LP (0), LCTP (63:12)
 * @param high bits 127:64: UP (64), UCTP (127:76)
 */
public record ScalableRootEntry(long low, long high) {

    /** The half of the entry that {@code devfn} uses: the lower for devfn 0–127, the upper for 128–255. */
    public long half(int devfn) {
        return devfn < 128 ? low : high;
    }

    /** §9.2: LP or UP, the context table pointer of {@code devfn}'s half is valid. */
    public boolean present(int devfn) {
        return (half(devfn) & 1) != 0;
    }

    /** §9.2: LCTP or UCTP, the 4 KiB-aligned address of the context table of {@code devfn}'s half. */
    public long contextTablePointer(int devfn) {
        return half(devfn) & ~0xFFFL;
    }

    /**
     * §9.2: reserved fields of {@code devfn}'s half: bits 11:1 (75:65), and pointer bits at or above the host
     * address width. The other half is not checked: a request never uses it.
     */
    public boolean reservedBitsSet(int devfn, int hostAddressWidth) {
        return (half(devfn) & (0xFFEL | AddressWidth.beyond(hostAddressWidth))) != 0;
    }
}
