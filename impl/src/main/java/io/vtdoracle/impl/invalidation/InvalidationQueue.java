package io.vtdoracle.impl.invalidation;

import io.vtdoracle.impl.EventSink;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Event;
import io.vtdoracle.impl.fault.EventInterrupt;
import io.vtdoracle.impl.fault.FaultRecorder;
import io.vtdoracle.impl.memory.GuestMemory;

/**
 * Queued invalidation (contract §6.2, VT-d §6.5.2): IQA, IQH, IQT, ICS and the synchronous processing of 128-bit
 * descriptors. Every descriptor is validated completely before it acts; an invalid one sets FSTS.IQE and stops
 * processing with IQH at it.
 */
public final class InvalidationQueue {

    private static final int CONTEXT_CACHE = 1;
    private static final int IOTLB = 2;
    private static final int DEVICE_TLB = 3;
    private static final int INTERRUPT_ENTRY_CACHE = 4;
    private static final int WAIT = 5;

    private static final long CONTEXT_CACHE_RESERVED = 0xFFFC_0000_0000_F1C0L;
    private static final long IOTLB_RESERVED = 0xFFFF_FFFF_0000_F100L;
    private static final long IOTLB_HIGH_RESERVED = 0xF80L;
    /** Reserved: 8:4, 31:21 and 51:48; MIP (20:16) and PFSID (15:12, 63:52) are ignored. */
    private static final long DEVICE_TLB_RESERVED = 0x000F_0000_FFE0_01F0L;
    private static final long DEVICE_TLB_HIGH_RESERVED = 0xFFEL;
    private static final long INTERRUPT_ENTRY_CACHE_RESERVED = 0xFFFF_0000_07FF_F1E0L;
    private static final long WAIT_RESERVED = 0xFFFF_F180L;
    private static final long WAIT_HIGH_RESERVED = 0x3L;
    private static final long IQA_WRITABLE = 0xFFFF_FFFF_FFFF_F007L;
    private static final int IQT_WRITABLE = 0x7FFF0;

    private final GuestMemory memory;
    private final Invalidations invalidations;
    private final FaultRecorder faults;
    private final EventInterrupt completionEvent;
    private final EventSink events;
    private final boolean deviceTlb;
    private final int maxAddressMask;
    private boolean enabled;
    private long queueAddress;
    private int head;
    private int tail;
    private boolean waitCompleted;

    public InvalidationQueue(Capabilities capabilities, GuestMemory memory, Invalidations invalidations,
                             FaultRecorder faults, EventInterrupt completionEvent, EventSink events) {
        this.memory = memory;
        this.invalidations = invalidations;
        this.faults = faults;
        this.completionEvent = completionEvent;
        this.events = events;
        this.deviceTlb = capabilities.deviceTlb();
        this.maxAddressMask = capabilities.maxAddressMaskValue();
    }

    /** GSTS.QIES. */
    public boolean enabled() {
        return enabled;
    }

    /**
     * GCMD.QIE changed: enabling sets QIES and processes the queue; disabling is done only with the queue empty
     * (IQH = IQT), and then also resets IQH.
     */
    public void enable(boolean enable) {
        if (enable) {
            enabled = true;
            process();
        } else if (head << 4 == tail) {
            enabled = false;
            head = 0;
        }
    }

    /** IQH: the head index in bits 18:4. */
    public long readHead() {
        return (long) head << 4;
    }

    /** IQT: the tail index in bits 18:4. */
    public long readTail() {
        return tail;
    }

    /** A write of the low dword of IQT, then processing. */
    public void writeTail(int value) {
        tail = value & IQT_WRITABLE;
        process();
    }

    /** IQA: address 63:12 and QS 2:0 (DW reads 0: no scalable mode). */
    public long readAddress() {
        return queueAddress;
    }

    public void writeAddress(long value) {
        queueAddress = value & IQA_WRITABLE;
    }

    /** ICS: IWC in bit 0. */
    public int readCompletionStatus() {
        return waitCompleted ? 1 : 0;
    }

    /** ICS write: IWC is write-1-to-clear; clearing it clears IECTL.IP. */
    public void writeCompletionStatus(int value) {
        if ((value & 1) != 0 && waitCompleted) {
            waitCompleted = false;
            completionEvent.statusCleared();
        }
    }

    /** Runs the descriptors from head to tail while QIES = 1 and FSTS.IQE = 0. */
    private void process() {
        if (!enabled || faults.queueErrorPending()) {
            return;
        }
        int size = 1 << ((int) (queueAddress & 7) + 8);
        int tailIndex = tail >>> 4;
        if (tailIndex >= size) {
            faults.queueError();
            return;
        }
        long base = queueAddress & ~0xFFFL;
        while (head != tailIndex) {
            long offset = (long) head * 16;
            if (!memory.contains(base, offset + 8) || !execute(memory.read(base + offset),
                    memory.read(base + offset + 8))) {
                faults.queueError();
                return;
            }
            head = (head + 1) % size;
        }
    }

    /** Validates, then performs, one descriptor; false (and nothing done) if it is invalid. */
    private boolean execute(long lo, long hi) {
        if ((lo >>> 9 & 7) != 0) {
            return false;
        }
        int granularity = (int) (lo >>> 4) & 3;
        switch ((int) lo & 0xF) {
            case CONTEXT_CACHE:
                return contextCache(lo, hi, granularity);
            case IOTLB:
                return iotlb(lo, hi, granularity);
            case DEVICE_TLB:
                return deviceTlb(lo, hi);
            case INTERRUPT_ENTRY_CACHE:
                return (lo & INTERRUPT_ENTRY_CACHE_RESERVED) == 0 && hi == 0;
            case WAIT:
                return await(lo, hi);
            default:
                return false;
        }
    }

    private boolean contextCache(long lo, long hi, int granularity) {
        if ((lo & CONTEXT_CACHE_RESERVED) != 0 || hi != 0 || granularity == 0) {
            return false;
        }
        int did = (int) (lo >>> 16) & 0xFFFF;
        switch (granularity) {
            case 1:
                invalidations.contextGlobal();
                break;
            case 2:
                invalidations.contextDomain(did);
                break;
            default:
                invalidations.contextDevice((int) (lo >>> 32) & 0xFFFF, (int) (lo >>> 48) & 3);
                break;
        }
        return true;
    }

    private boolean iotlb(long lo, long hi, int granularity) {
        int am = (int) hi & 0x3F;
        if ((lo & IOTLB_RESERVED) != 0 || (hi & IOTLB_HIGH_RESERVED) != 0 || granularity == 0
                || granularity == 3 && am > maxAddressMask) {
            return false;
        }
        invalidations.iotlb(granularity, (int) (lo >>> 16) & 0xFFFF, hi & ~0xFFFL, am);
        return true;
    }

    /**
     * Device-TLB invalidation: 4 KiB at ADDR (S = 0) or, with S = 1, 2^(13 + the number of trailing 1 bits of
     * ADDR 63:12) bytes, aligned down.
     */
    private boolean deviceTlb(long lo, long hi) {
        if (!deviceTlb || (lo & DEVICE_TLB_RESERVED) != 0 || (hi & DEVICE_TLB_HIGH_RESERVED) != 0) {
            return false;
        }
        long address = hi & ~0xFFFL;
        int sizeBits = (hi & 1) == 0 ? 12 : 13 + Long.numberOfTrailingZeros(~(address >>> 12));
        long first = 0;
        long last = -1L;
        if (sizeBits < 64) {
            first = address & -(1L << sizeBits);
            last = first + (1L << sizeBits) - 1;
        }
        invalidations.deviceTlb((int) (lo >>> 32) & 0xFFFF, first, last);
        return true;
    }

    /** Invalidation wait: status write (SW), then completion interrupt (IF); neither is a fence. */
    private boolean await(long lo, long hi) {
        if ((lo & WAIT_RESERVED) != 0 || (hi & WAIT_HIGH_RESERVED) != 0) {
            return false;
        }
        boolean statusWrite = (lo & (1 << 5)) != 0;
        if (statusWrite && !memory.contains(hi, 0)) {
            return false;
        }
        if (statusWrite) {
            int data = (int) (lo >>> 32);
            memory.writeDword(hi, data);
            events.event(new Event.StatusWritten(hi, data));
        }
        if ((lo & (1 << 4)) != 0 && !waitCompleted) {
            waitCompleted = true;
            completionEvent.statusSet();
        }
        return true;
    }
}
