package io.vtdoracle.model.roottable;

/**
 * A legacy-mode root entry (§9.1): 128 bits at {@code RTA + bus·16}, naming the context table of one bus.
 *
 * @param low  bits 63:0: P (0), CTP (63:12)
 * @param high bits 127:64: reserved in legacy mode
 */
public record RootEntry(long low, long high) {

    /** §9.1: P, the context table pointer is valid. */
    public boolean present() {
        return (low & 1) != 0;
    }

    /** §9.1: CTP, the 4 KiB-aligned address of the bus's context table (bits 63:12). */
    public long contextTablePointer() {
        return low & ~0xFFFL;
    }

    /**
     * §9.1: reserved fields of a legacy root entry: the whole high qword, low bits 11:1, and CTP bits at or above
     * the host address width (contract §3 step 2).
     */
    public boolean reservedBitsSet(int hostAddressWidth) {
        return high != 0 || (low & (0xFFEL | AddressWidth.beyond(hostAddressWidth))) != 0;
    }
}
