package io.vtdoracle.impl.dma;

/**
 * The fault reason codes of a second-level walk and its completion: legacy mode (contract §3 steps 5–8) and the
 * scalable-mode second stage, the same walk with renamed faults (contract §9.5).
 */
final class WalkFaults {

    /** Legacy mode: 4h, 3h/7h, 5h/6h, Ch, Eh. */
    static final WalkFaults LEGACY = new WalkFaults(0x4, 0x3, 0x7, 0x5, 0x6, 0xC, 0x5, 0x6, 0xE);
    /**
     * Scalable-mode second stage: 84h, 7Bh/78h, 79h for reads and writes, 7Ah, 85h/86h, 87h; its completion codes
     * (85h, 86h, 87h) are those of any scalable-mode translation answered from the IOTLB.
     */
    static final WalkFaults SECOND_STAGE = new WalkFaults(0x84, 0x7B, 0x78, 0x79, 0x79, 0x7A, 0x85, 0x86, 0x87);

    final int beyondAgaw;
    final int topUnreadable;
    final int unreadable;
    final int notPresentWrite;
    final int notPresentRead;
    final int reserved;
    final int writeDenied;
    final int readDenied;
    final int interruptAddress;

    private WalkFaults(int beyondAgaw, int topUnreadable, int unreadable, int notPresentWrite, int notPresentRead,
                       int reserved, int writeDenied, int readDenied, int interruptAddress) {
        this.beyondAgaw = beyondAgaw;
        this.topUnreadable = topUnreadable;
        this.unreadable = unreadable;
        this.notPresentWrite = notPresentWrite;
        this.notPresentRead = notPresentRead;
        this.reserved = reserved;
        this.writeDenied = writeDenied;
        this.readDenied = readDenied;
        this.interruptAddress = interruptAddress;
    }
}
