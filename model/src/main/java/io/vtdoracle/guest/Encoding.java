package io.vtdoracle.guest;

import io.vtdoracle.api.Permission;
import io.vtdoracle.api.SourceId;

/**
 * How a guest driver encodes the structures it hands the unit: root and context entries, second-level paging
 * entries, IRTEs, invalidation descriptors and remappable interrupt addresses (VT-d specification §9, §5.1,
 * §6.5). Pure functions of their fields; they do not check what the guest asks for, so garbage can be encoded
 * too.
 */
public final class Encoding {

    private Encoding() {
    }

    // ---- §9.1 root entry, §9.3 context entry ----

    public static long rootEntryLow(long contextTable, boolean present) {
        return (contextTable & ~0xFFFL) | (present ? 1 : 0);
    }

    /** Translation types of a context entry (§9.3 TT). */
    public static final int TT_UNTRANSLATED = 0;
    public static final int TT_DEVICE_TLB = 1;
    public static final int TT_PASS_THROUGH = 2;

    public static long contextEntryLow(long slptptr, int translationType, boolean faultProcessingDisable,
                                       boolean present) {
        return (slptptr & ~0xFFFL) | (long) (translationType & 3) << 2 | (faultProcessingDisable ? 2 : 0)
                | (present ? 1 : 0);
    }

    /** AW 1 selects a 3-level (39-bit) table, AW 2 a 4-level (48-bit) one. */
    public static long contextEntryHigh(int addressWidth, int did) {
        return (long) (did & 0xFFFF) << 8 | (addressWidth & 7);
    }

    /** The AW encoding for a table of {@code levels} levels. */
    public static int addressWidthField(int levels) {
        return levels - 2;
    }

    // ---- §9.8 second-level paging entry ----

    public static long slPte(long address, Permission permission, boolean superpage) {
        return (address & ~0xFFFL) | (superpage ? 1L << 7 : 0) | (permission.canWrite() ? 2 : 0)
                | (permission.canRead() ? 1 : 0);
    }

    // ---- §9.10 interrupt remapping table entry ----

    /** Source validation types of an IRTE (§9.10 SVT). */
    public static final int SVT_NONE = 0;
    public static final int SVT_REQUESTER_ID = 1;
    public static final int SVT_BUS_RANGE = 2;

    public static long irteLow(boolean present, boolean faultProcessingDisable, boolean destinationModeLogical,
                               boolean redirectionHint, boolean levelTriggered, int deliveryMode, int vector,
                               int destination) {
        return (present ? 1L : 0) | (faultProcessingDisable ? 2L : 0) | (destinationModeLogical ? 4L : 0)
                | (redirectionHint ? 8L : 0) | (levelTriggered ? 16L : 0) | (long) (deliveryMode & 7) << 5
                | (long) (vector & 0xFF) << 16 | (destination & 0xFFFF_FFFFL) << 32;
    }

    public static long irteHigh(int sourceId, int sourceIdQualifier, int sourceValidationType) {
        return (sourceId & 0xFFFFL) | (long) (sourceIdQualifier & 3) << 16 | (long) (sourceValidationType & 3) << 18;
    }

    /** The xAPIC destination field of an IRTE: the APIC id in DST bits 15:8 (§9.10). */
    public static int xapicDestination(int apicId) {
        return (apicId & 0xFF) << 8;
    }

    /** The address of a remappable-format interrupt request with this handle (§5.1.2.2). */
    public static long remappableAddress(int handle, boolean subhandleValid) {
        return 0xFEE0_0000L | (long) (handle & 0x7FFF) << 5 | 1L << 4 | (subhandleValid ? 1L << 3 : 0)
                | (long) ((handle >> 15) & 1) << 2;
    }

    // ---- §6.5.2 invalidation descriptors (low qword, high qword) ----

    public static long[] contextGlobal() {
        return new long[] {1 | 1 << 4, 0};
    }

    public static long[] contextDomain(int did) {
        return new long[] {1 | 2 << 4 | (long) (did & 0xFFFF) << 16, 0};
    }

    public static long[] contextDevice(int did, SourceId source, int functionMask) {
        return new long[] {1 | 3 << 4 | (long) (did & 0xFFFF) << 16 | (long) source.value() << 32
                | (long) (functionMask & 3) << 48, 0};
    }

    public static long[] iotlbGlobal() {
        return new long[] {2 | 1 << 4 | 1 << 6 | 1 << 7, 0};
    }

    public static long[] iotlbDomain(int did) {
        return new long[] {2 | 2 << 4 | 1 << 6 | 1 << 7 | (long) (did & 0xFFFF) << 16, 0};
    }

    public static long[] iotlbPage(int did, long address, int addressMask, boolean invalidationHint) {
        return new long[] {2 | 3 << 4 | 1 << 6 | 1 << 7 | (long) (did & 0xFFFF) << 16,
                (address & ~0xFFFL) | (invalidationHint ? 1 << 6 : 0) | (addressMask & 0x3F)};
    }

    public static long[] deviceTlb(SourceId source, long address, boolean sizeBit) {
        return new long[] {3 | (long) source.value() << 32, (address & ~0xFFFL) | (sizeBit ? 1 : 0)};
    }

    public static long[] interruptEntryCacheGlobal() {
        return new long[] {4, 0};
    }

    public static long[] interruptEntryCacheIndex(int index, int indexMask) {
        return new long[] {4 | 1 << 4 | (long) (indexMask & 0x1F) << 27 | (long) (index & 0xFFFF) << 32, 0};
    }

    public static long[] invalidationWait(boolean statusWrite, boolean interrupt, boolean fence, int statusData,
                                          long statusAddress) {
        return new long[] {5 | (interrupt ? 1 << 4 : 0) | (statusWrite ? 1 << 5 : 0) | (fence ? 1 << 6 : 0)
                | (statusData & 0xFFFF_FFFFL) << 32, statusAddress & ~3L};
    }

    // ---- §10.4.7, §10.4.8 register-based invalidation commands ----

    public static long ccmd(int granularity, int did, SourceId source, int functionMask) {
        return 1L << 63 | (long) (granularity & 3) << 61 | (long) (functionMask & 3) << 32
                | (long) (source == null ? 0 : source.value()) << 16 | (did & 0xFFFF);
    }

    public static long iotlbCommand(int granularity, int did) {
        return 1L << 63 | (long) (granularity & 3) << 60 | 1L << 49 | 1L << 48 | (long) (did & 0xFFFF) << 32;
    }

    public static long iva(long address, int addressMask, boolean invalidationHint) {
        return (address & ~0xFFFL) | (invalidationHint ? 1 << 6 : 0) | (addressMask & 0x3F);
    }
}
