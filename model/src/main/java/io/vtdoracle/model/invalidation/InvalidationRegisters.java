package io.vtdoracle.model.invalidation;

/**
 * The invalidation registers (§10.4.7, §10.4.8, §10.4.20 – §10.4.22): CCMD, IVA, IOTLB_REG and the invalidation
 * queue's IQH, IQT and IQA.
 *
 * @param contextCommand  CCMD_REG: ICC 63, CIRG 62:61, CAIG 60:59, FM 33:32, SID 31:16, DID 15:0
 * @param invalidateAddress IVA_REG: ADDR 63:12, IH 6, AM 5:0
 * @param iotlbCommand    IOTLB_REG: IVT 63, IIRG 61:60, IAIG 58:57, DR 49, DW 48, DID 47:32
 * @param queueHead       the index of the next descriptor the unit fetches (IQH.QH)
 * @param queueTail       IQT_REG: the tail index × 16 in bits 18:4
 * @param queueAddress    IQA_REG: IQA 63:12, QS 2:0
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

    /** All zero at reset. */
    public static final InvalidationRegisters POWER_ON = new InvalidationRegisters(0, 0, 0, 0, 0, 0);

    /** IQH_REG as software reads it: the head index × 16. */
    public long queueHeadRegister() {
        return (long) queueHead << 4;
    }

    /** The index of the tail (IQT.QT). */
    int tailIndex() {
        return (int) (queueTail >>> 4);
    }

    /** §10.4.22: the queue has 2^(QS+8) entries of 128 bits. */
    int queueSize() {
        return 1 << ((queueAddress & 7) + 8);
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
