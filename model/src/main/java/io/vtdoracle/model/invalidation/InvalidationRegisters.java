package io.vtdoracle.model.invalidation;

/**
 * The invalidation registers (§10.4.7, §10.4.8, §10.4.20 – §10.4.22): CCMD, IVA, IOTLB_REG and the invalidation
 * queue's IQH, IQT and IQA.
 *
 * @param contextCommand  CCMD_REG: ICC 63, CIRG 62:61, CAIG 60:59, FM 33:32, SID 31:16, DID 15:0
 * @param invalidateAddress IVA_REG: ADDR 63:12, IH 6, AM 5:0
 * @param iotlbCommand    IOTLB_REG: IVT 63, IIRG 61:60, IAIG 58:57, DR 49, DW 48, DID 47:32
 * @param queueHead       IQH_REG: the byte offset of the next descriptor the unit fetches, bits 18:4
 * @param queueTail       IQT_REG: the byte offset of the tail, bits 18:4
 * @param queueAddress    IQA_REG: IQA 63:12, DW 11, QS 2:0
 */
public record InvalidationRegisters(long contextCommand, long invalidateAddress, long iotlbCommand, int queueHead,
                                    long queueTail, long queueAddress) {

    /** Register offsets (§10.4, ECAP.IRO places IVA and IOTLB_REG at 0xF0). */
    public static final int CCMD = 0x28;
    public static final int IQH = 0x80;
    public static final int IQT = 0x88;
    public static final int IQA = 0x90;
    public static final int IVA = 0xF0;
    public static final int IOTLB = 0xF8;

    /** Bits software writes (the actual-granularity fields CAIG and IAIG are read-only). */
    static final long CCMD_WRITABLE = 0xE000_0003_FFFF_FFFFL;
    static final long IVA_WRITABLE = 0xFFFF_FFFF_FFFF_F07FL;
    static final long IOTLB_WRITABLE = 0xB003_FFFF_0000_0000L;
    static final long IQT_WRITABLE = 0x7_FFF0L;
    /** IQA, QS; DW (bit 11) is reserved without scalable mode and reads 0. */
    static final long IQA_WRITABLE = 0xFFFF_FFFF_FFFF_F007L;
    /** §10.4.23: DW, the descriptor width (0: 128-bit, 1: 256-bit), writable with ECAP.SMTS. */
    static final long IQA_DESCRIPTOR_WIDTH = 1L << 11;

    /** All zero at reset. */
    public static final InvalidationRegisters POWER_ON = new InvalidationRegisters(0, 0, 0, 0, 0, 0);

    /** The bits of IQA a unit with these capabilities lets software write: DW only with ECAP.SMTS. */
    static long queueAddressWritable(boolean scalableModeSupported) {
        return scalableModeSupported ? IQA_WRITABLE | IQA_DESCRIPTOR_WIDTH : IQA_WRITABLE;
    }

    /** IQH_REG as software reads it: the head's byte offset. */
    public long queueHeadRegister() {
        return queueHead;
    }

    /** §10.4.23: IQA.DW = 1, 256-bit descriptors. */
    boolean wideDescriptors() {
        return (queueAddress & IQA_DESCRIPTOR_WIDTH) != 0;
    }

    /** The size of a descriptor in bytes: 16, or 32 with IQA.DW = 1. */
    int descriptorBytes() {
        return wideDescriptors() ? 32 : 16;
    }

    /** §10.4.23: 2^QS pages of 4 KiB, that is 2^(QS+8) 128-bit or 2^(QS+7) 256-bit descriptors. */
    int queueBytes() {
        return 1 << ((queueAddress & 7) + 12);
    }

    /** The queue's base address (IQA 63:12). */
    long queueBase() {
        return queueAddress & ~0xFFFL;
    }

    InvalidationRegisters withContextCommand(long value) {
        return new InvalidationRegisters(value, invalidateAddress, iotlbCommand, queueHead, queueTail, queueAddress);
    }

    InvalidationRegisters withInvalidateAddress(long value) {
        return new InvalidationRegisters(contextCommand, value, iotlbCommand, queueHead, queueTail, queueAddress);
    }

    InvalidationRegisters withIotlbCommand(long value) {
        return new InvalidationRegisters(contextCommand, invalidateAddress, value, queueHead, queueTail, queueAddress);
    }

    InvalidationRegisters withQueueHead(int value) {
        return new InvalidationRegisters(contextCommand, invalidateAddress, iotlbCommand, value, queueTail,
                queueAddress);
    }

    InvalidationRegisters withQueueTail(long value) {
        return new InvalidationRegisters(contextCommand, invalidateAddress, iotlbCommand, queueHead, value,
                queueAddress);
    }

    InvalidationRegisters withQueueAddress(long value) {
        return new InvalidationRegisters(contextCommand, invalidateAddress, iotlbCommand, queueHead, queueTail,
                value);
    }
}
