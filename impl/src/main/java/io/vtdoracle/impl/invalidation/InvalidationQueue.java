package io.vtdoracle.impl.invalidation;

import io.vtdoracle.impl.EventSink;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Event;
import io.vtdoracle.impl.fault.EventInterrupt;
import io.vtdoracle.impl.fault.FaultRecorder;
import io.vtdoracle.impl.memory.GuestMemory;
import io.vtdoracle.impl.state.RemappingState;

/**
 * Queued invalidation (contract §6.2, §9.8, VT-d §6.5.2): IQA, IQH, IQT, ICS and the synchronous processing of
 * 128-bit descriptors (IQA.DW = 0) or 256-bit ones (DW = 1, with ECAP.SMTS). IQH and IQT are byte offsets. Every
 * descriptor is validated completely before it acts; an invalid one sets FSTS.IQE and stops processing with IQH at
 * it. In scalable mode (latched TTM 01b) only 256-bit descriptors are valid, and types 6–8 with them.
 */
public final class InvalidationQueue {

    private static final int CONTEXT_CACHE = 1;
    private static final int IOTLB = 2;
    private static final int DEVICE_TLB = 3;
    private static final int INTERRUPT_ENTRY_CACHE = 4;
    private static final int WAIT = 5;
    private static final int PASID_IOTLB = 6;
    private static final int PASID_CACHE = 7;
    private static final int PASID_DEVICE_TLB = 8;

    private static final long CONTEXT_CACHE_RESERVED = 0xFFFC_0000_0000_F1C0L;
    private static final long IOTLB_RESERVED = 0xFFFF_FFFF_0000_F100L;
    private static final long IOTLB_HIGH_RESERVED = 0xF80L;
    /** Reserved: 8:4, 31:21 and 51:48; MIP (20:16) and PFSID (15:12, 63:52) are ignored. */
    private static final long DEVICE_TLB_RESERVED = 0x000F_0000_FFE0_01F0L;
    private static final long DEVICE_TLB_HIGH_RESERVED = 0xFFEL;
    private static final long INTERRUPT_ENTRY_CACHE_RESERVED = 0xFFFF_0000_07FF_F1E0L;
    private static final long WAIT_RESERVED = 0xFFFF_F180L;
    private static final long WAIT_HIGH_RESERVED = 0x3L;
    /** P_IOTLB and PASID-cache: 8:6, 15:12, 63:52; PASID-based device-TLB: q1 10:1. */
    private static final long PASID_RESERVED = 0xFFF0_0000_0000_F1C0L;
    private static final long PASID_IOTLB_HIGH_RESERVED = 0xF80L;
    private static final long PASID_DEVICE_TLB_HIGH_RESERVED = 0x7FEL;
    private static final long IQA_WRITABLE = 0xFFFF_FFFF_FFFF_F007L;
    private static final long IQA_DW = 1L << 11;
    private static final int IQT_256_BIT_RESERVED = 0x10;
    private static final int IQT_WRITABLE = 0x7FFF0;

    private final GuestMemory memory;
    private final Invalidations invalidations;
    private final FaultRecorder faults;
    private final EventInterrupt completionEvent;
    private final EventSink events;
    private final RemappingState state;
    private final long iqaWritable;
    private final boolean deviceTlb;
    private final int maxAddressMask;
    private boolean enabled;
    private long queueAddress;
    private int head;
    private int tail;
    private boolean waitCompleted;

    public InvalidationQueue(Capabilities capabilities, GuestMemory memory, RemappingState state,
                             Invalidations invalidations, FaultRecorder faults, EventInterrupt completionEvent,
                             EventSink events) {
        this.state = state;
        // §10.4.23: DW is read/write only with ECAP.SMTS
        this.iqaWritable = IQA_WRITABLE | (capabilities.scalableMode().supported() ? IQA_DW : 0);
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
        } else if (head == tail) {
            enabled = false;
            head = 0;
        }
    }

    /** IQH: the head's byte offset in bits 18:4. */
    public long readHead() {
        return head;
    }

    /** IQT: the tail's byte offset in bits 18:4. */
    public long readTail() {
        return tail;
    }

    /** A write of the low dword of IQT, then processing. */
    public void writeTail(int value) {
        tail = value & IQT_WRITABLE;
        process();
    }

    /** IQA: address 63:12, DW 11 (reads 0 without ECAP.SMTS) and QS 2:0. */
    public long readAddress() {
        return queueAddress;
    }

    public void writeAddress(long value) {
        queueAddress = value & iqaWritable;
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

    /**
     * Runs the descriptors from head to tail while QIES = 1 and FSTS.IQE = 0: the queue is 2^(QS+12) bytes of 16-
     * or 32-byte descriptors (contract §9.8).
     */
    private void process() {
        if (!enabled || faults.queueErrorPending()) {
            return;
        }
        int size = 1 << ((int) (queueAddress & 7) + 12);
        boolean wide = (queueAddress & IQA_DW) != 0;
        // §10.4.22: IQT bit 4 is reserved with 256-bit descriptors
        if (tail >= size || wide && (tail & IQT_256_BIT_RESERVED) != 0) {
            faults.queueError();
            return;
        }
        int descriptorSize = wide ? 32 : 16;
        boolean scalable = state.tableMode() == 1;
        long base = queueAddress & ~0xFFFL;
        while (head != tail) {
            if (!fetchAndExecute(base + head, wide, scalable)) {
                faults.queueError();
                return;
            }
            head = (head + descriptorSize) % size;
        }
    }

    /** Reads, validates, then performs the descriptor at {@code address}; false (nothing done) if it is invalid. */
    private boolean fetchAndExecute(long address, boolean wide, boolean scalable) {
        // §6.5.2.10: 128-bit descriptors are invalid in scalable mode; a 256-bit one starts at a 32-byte offset
        if (wide ? (address & IQT_256_BIT_RESERVED) != 0 : scalable) {
            return false;
        }
        if (!memory.contains(address, wide ? 24 : 8)) {
            return false;
        }
        if (wide && (memory.read(address + 16) != 0 || memory.read(address + 24) != 0)) {
            return false;
        }
        return execute(memory.read(address), memory.read(address + 8), scalable);
    }

    /** Validates, then performs, one descriptor; false (and nothing done) if it is invalid. */
    private boolean execute(long lo, long hi, boolean scalable) {
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
            case PASID_IOTLB:
                return scalable && pasidIotlb(lo, hi, granularity);
            case PASID_CACHE:
                return scalable && pasidCache(lo, hi, granularity);
            case PASID_DEVICE_TLB:
                // §6.5.2.6: validated only; a device-TLB entry with a PASID needs a request with PASID
                return scalable && deviceTlb && (hi & PASID_DEVICE_TLB_HIGH_RESERVED) == 0;
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

    /**
     * P_IOTLB (§6.5.2.4): G 2 PASID-selective (ADDR, IH and AM ignored), G 3 page-selective within the PASID; G 0
     * and 1 invalid.
     */
    private boolean pasidIotlb(long lo, long hi, int granularity) {
        int am = (int) hi & 0x3F;
        if ((lo & PASID_RESERVED) != 0 || (hi & PASID_IOTLB_HIGH_RESERVED) != 0 || granularity < 2
                || granularity == 3 && am > maxAddressMask) {
            return false;
        }
        int did = (int) (lo >>> 16) & 0xFFFF;
        int pasid = (int) (lo >>> 32) & 0xF_FFFF;
        if (granularity == 2) {
            invalidations.pasidIotlb(did, pasid);
        } else {
            invalidations.pasidIotlbPages(did, pasid, hi & ~0xFFFL, am);
        }
        return true;
    }

    /** PASID-cache (§6.5.2.2): G 0 domain-selective, 1 PASID-selective within the domain, 3 global; 2 invalid. */
    private boolean pasidCache(long lo, long hi, int granularity) {
        if ((lo & PASID_RESERVED) != 0 || hi != 0 || granularity == 2) {
            return false;
        }
        invalidations.pasidCache(granularity, (int) (lo >>> 16) & 0xFFFF, (int) (lo >>> 32) & 0xF_FFFF);
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
