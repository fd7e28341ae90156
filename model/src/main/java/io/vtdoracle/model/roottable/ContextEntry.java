package io.vtdoracle.model.roottable;

/**
 * A legacy-mode context entry (§9.3): 128 bits at {@code CTP + devfn·16}, naming a device's domain and its
 * second-level page tables.
 *
 * @param low  bits 63:0: P (0), FPD (1), TT (3:2), SLPTPTR (63:12)
 * @param high bits 127:64: AW (2:0), DID (23:8)
 */
public record ContextEntry(long low, long high) {

    /** §9.3: P. */
    public boolean present() {
        return (low & 1) != 0;
    }

    /**
     * §9.3: FPD, recording of qualified faults is disabled. The spec evaluates it whatever P is, so a not-present
     * entry's FPD decides whether its 2h fault is recorded.
     */
    public boolean faultProcessingDisabled() {
        return (low & 2) != 0;
    }

    /** §9.3: TT. */
    public TranslationType translationType() {
        return TranslationType.of((int) (low >>> 2));
    }

    /** §9.3: SLPTPTR, the 4 KiB-aligned address of the top second-level table. */
    public long secondLevelPageTablePointer() {
        return low & ~0xFFFL;
    }

    /** §9.3: AW, the encoded adjusted guest address width (0..7). */
    public int addressWidth() {
        return (int) (high & 7);
    }

    /** §9.3: DID, the domain-id (16 bits). */
    public int domainId() {
        return (int) (high >>> 8) & 0xFFFF;
    }

    /** §3.7: the number of second-level table levels, AW + 2 (3 or 4 for a valid entry). */
    public int levels() {
        return addressWidth() + 2;
    }

    /** §3.7: AGAW = 30 + 9·AW bits (39 or 48 for a valid entry). */
    public int adjustedGuestAddressWidth() {
        return 30 + 9 * addressWidth();
    }

    /**
     * §9.3: reserved fields of a legacy context entry: low bits 11:4 and SLPTPTR bits at or above the host
     * address width; high bit 7 and bits 63:24 (contract §3 step 3).
     */
    public boolean reservedBitsSet(int hostAddressWidth) {
        return (low & (0xFF0L | AddressWidth.beyond(hostAddressWidth))) != 0
                || (high & 0xFFFF_FFFF_FF00_0080L) != 0;
    }
}
