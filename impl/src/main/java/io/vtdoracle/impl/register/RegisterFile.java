package io.vtdoracle.impl.register;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.impl.dma.Capability;
import io.vtdoracle.impl.fault.EventInterrupt;
import io.vtdoracle.impl.fault.FaultRecorder;
import io.vtdoracle.impl.invalidation.InvalidationQueue;
import io.vtdoracle.impl.invalidation.Invalidations;
import io.vtdoracle.impl.ir.InterruptRemapper;
import io.vtdoracle.impl.listener.Listeners;
import io.vtdoracle.impl.state.RemappingState;

/**
 * The remapping registers (contract §2, VT-d §10.4) as dword accesses: an 8-byte access is the low dword, then the
 * high dword, each with its effects. Registers owned by a component (FSTS and FRCD, the event interrupts, the
 * queue, interrupt remapping) are read and written through it; this class holds RTADDR, CCMD, IRTA, IVA and the
 * IOTLB register and acts on GCMD, CCMD and IOTLB writes.
 */
public final class RegisterFile {

    private static final int FRCD_BASE = 0x220;
    private static final long RTADDR_WRITABLE = ~0x3FFL; // RTA 63:12 and TTM 11:10 (§10.4.6)
    private static final long CCMD_WRITABLE = 0xE000_0003_FFFF_FFFFL;
    private static final long IVA_WRITABLE = 0xFFFF_FFFF_FFFF_F07FL;
    private static final long IOTLB_WRITABLE = 0xB003_FFFF_0000_0000L;
    private static final long IRTA_WRITABLE = 0xFFFF_FFFF_FFFF_F00FL;
    private static final long IRTA_EIME = 1L << 11;
    private static final int GCMD_TE = 1 << 31;
    private static final int GCMD_SRTP = 1 << 30;
    private static final int GCMD_QIE = 1 << 26;
    private static final int GCMD_IRE = 1 << 25;
    private static final int GCMD_SIRTP = 1 << 24;
    private static final int GCMD_CFI = 1 << 23;

    private final long cap;
    private final long ecap;
    private final int limit;
    private final long irtaWritable;
    private final boolean interruptRemapping;
    private final int maxAddressMask;
    private final boolean scalableMode;
    private final RemappingState state;
    private final FaultRecorder faults;
    private final EventInterrupt faultEvent;
    private final EventInterrupt completionEvent;
    private final InvalidationQueue queue;
    private final InterruptRemapper interruptRemapper;
    private final Invalidations invalidations;
    private final Listeners listeners;
    private long rtaddr;
    private long ccmd;
    private long irta;
    private long iva;
    private long iotlb;

    public RegisterFile(Capabilities capabilities, RemappingState state, FaultRecorder faults,
                        EventInterrupt completionEvent, InvalidationQueue queue, InterruptRemapper interruptRemapper,
                        Invalidations invalidations, Listeners listeners) {
        this.cap = Capability.cap(capabilities);
        this.ecap = Capability.ecap(capabilities);
        this.limit = FRCD_BASE + 16 * capabilities.faultRecordingRegisters();
        this.irtaWritable = IRTA_WRITABLE | (capabilities.extendedInterruptMode() ? IRTA_EIME : 0);
        this.interruptRemapping = capabilities.interruptRemapping();
        this.maxAddressMask = capabilities.maxAddressMaskValue();
        this.scalableMode = capabilities.scalableMode().supported();
        this.state = state;
        this.faults = faults;
        this.faultEvent = faults.faultEvent();
        this.completionEvent = completionEvent;
        this.queue = queue;
        this.interruptRemapper = interruptRemapper;
        this.invalidations = invalidations;
        this.listeners = listeners;
    }

    /** Whether {@code size} bytes at {@code offset} is a register access: 4 or 8 bytes, aligned, in the block. */
    public boolean valid(int offset, int size) {
        return (size == 4 || size == 8) && offset >= 0 && offset % size == 0 && offset <= limit - size;
    }

    /** Reads a valid access. */
    public long read(int offset, int size) {
        long low = readDword(offset) & 0xFFFF_FFFFL;
        return size == 4 ? low : low | (long) readDword(offset + 4) << 32;
    }

    /** Writes a valid access: the low dword, then the high one. */
    public void write(int offset, int size, long value) {
        writeDword(offset, (int) value);
        if (size == 8) {
            writeDword(offset + 4, (int) (value >>> 32));
        }
    }

    private int readDword(int offset) {
        if (offset >= FRCD_BASE) {
            return faults.readRecord((offset - FRCD_BASE) >>> 2);
        }
        switch (offset) {
            case 0x00:
                return 0x10;
            case 0x08:
            case 0x0C:
                return half(cap, offset);
            case 0x10:
            case 0x14:
                return half(ecap, offset);
            case 0x1C:
                return globalStatus();
            case 0x20:
            case 0x24:
                return half(rtaddr, offset);
            case 0x28:
            case 0x2C:
                return half(ccmd, offset);
            case 0x34:
                return faults.readStatus();
            case 0x38:
                return faultEvent.readControl();
            case 0x3C:
                return faultEvent.data();
            case 0x40:
                return faultEvent.address();
            case 0x44:
                return faultEvent.upperAddress();
            case 0x80:
            case 0x84:
                return half(queue.readHead(), offset);
            case 0x88:
            case 0x8C:
                return half(queue.readTail(), offset);
            case 0x90:
            case 0x94:
                return half(queue.readAddress(), offset);
            case 0x9C:
                return queue.readCompletionStatus();
            case 0xA0:
                return completionEvent.readControl();
            case 0xA4:
                return completionEvent.data();
            case 0xA8:
                return completionEvent.address();
            case 0xAC:
                return completionEvent.upperAddress();
            case 0xB8:
            case 0xBC:
                return half(irta, offset);
            case 0xF0:
            case 0xF4:
                return half(iva, offset);
            case 0xF8:
            case 0xFC:
                return half(iotlb, offset);
            default:
                return 0;
        }
    }

    private void writeDword(int offset, int value) {
        if (offset >= FRCD_BASE) {
            faults.writeRecord((offset - FRCD_BASE) >>> 2, value);
            return;
        }
        switch (offset) {
            case 0x18:
                globalCommand(value);
                break;
            case 0x20:
            case 0x24:
                rtaddr = merge(rtaddr, offset, value, RTADDR_WRITABLE);
                break;
            case 0x28:
                ccmd = merge(ccmd, offset, value, CCMD_WRITABLE);
                break;
            case 0x2C:
                ccmd = merge(ccmd, offset, value, CCMD_WRITABLE);
                contextCommand();
                break;
            case 0x34:
                faults.writeStatus(value);
                break;
            case 0x38:
                faultEvent.writeControl(value);
                break;
            case 0x3C:
                faultEvent.data(value);
                break;
            case 0x40:
                faultEvent.address(value);
                break;
            case 0x44:
                faultEvent.upperAddress(value);
                break;
            case 0x88:
                queue.writeTail(value);
                break;
            case 0x90:
            case 0x94:
                queue.writeAddress(merge(queue.readAddress(), offset, value, -1L));
                break;
            case 0x9C:
                queue.writeCompletionStatus(value);
                break;
            case 0xA0:
                completionEvent.writeControl(value);
                break;
            case 0xA4:
                completionEvent.data(value);
                break;
            case 0xA8:
                completionEvent.address(value);
                break;
            case 0xAC:
                completionEvent.upperAddress(value);
                break;
            case 0xB8:
            case 0xBC:
                irta = merge(irta, offset, value, irtaWritable);
                break;
            case 0xF0:
            case 0xF4:
                iva = merge(iva, offset, value, IVA_WRITABLE);
                break;
            case 0xFC:
                iotlb = merge(iotlb, offset, value, IOTLB_WRITABLE);
                iotlbCommand();
                break;
            default:
                break;
        }
    }

    private int globalStatus() {
        return (state.translationEnabled() ? GCMD_TE : 0)
                | (state.rootTablePointerSet() ? GCMD_SRTP : 0)
                | (queue.enabled() ? GCMD_QIE : 0)
                | (interruptRemapper.enabled() ? GCMD_IRE : 0)
                | (interruptRemapper.tablePointerSet() ? GCMD_SIRTP : 0)
                | (interruptRemapper.compatibilityAllowed() ? GCMD_CFI : 0);
    }

    /** GCMD (contract §2.1): SRTP, SIRTP, QIE, IRE, CFI, TE in that order. */
    private void globalCommand(int value) {
        if ((value & GCMD_SRTP) != 0) {
            // §10.4.6: TTM (11:10) is latched only by a unit with ECAP.SMTS (contract §9.1)
            state.latchRootTable(rtaddr & ~0xFFFL, scalableMode ? (int) (rtaddr >>> 10) & 3 : 0);
        }
        if ((value & GCMD_SIRTP) != 0 && interruptRemapping) {
            interruptRemapper.latchTable(irta);
        }
        boolean qie = (value & GCMD_QIE) != 0;
        if (qie != queue.enabled()) {
            queue.enable(qie);
        }
        if (interruptRemapping) {
            interruptRemapper.enabled((value & GCMD_IRE) != 0);
            interruptRemapper.compatibilityAllowed((value & GCMD_CFI) != 0);
        }
        boolean te = (value & GCMD_TE) != 0;
        if (te != state.translationEnabled()) {
            state.translationEnabled(te);
            listeners.translationEnableChanged();
        }
    }

    /** CCMD with ICC = 1 (contract §6.1): CAIG = CIRG of the invalidation done, ICC cleared. */
    private void contextCommand() {
        if (ccmd >= 0) {
            return;
        }
        int granularity = queue.enabled() ? 0 : (int) (ccmd >>> 61) & 3;
        ccmd = ccmd & ~(1L << 63 | 3L << 59) | (long) granularity << 59;
        int did = (int) ccmd & 0xFFFF;
        switch (granularity) {
            case 1:
                invalidations.contextGlobal();
                break;
            case 2:
                invalidations.contextDomain(did);
                break;
            case 3:
                invalidations.contextDevice((int) (ccmd >>> 16) & 0xFFFF, (int) (ccmd >>> 32) & 3);
                break;
            default:
                break;
        }
    }

    /** IOTLB register with IVT = 1 (contract §6.1): IAIG = IIRG of the invalidation done, IVT cleared. */
    private void iotlbCommand() {
        if (iotlb >= 0) {
            return;
        }
        int granularity = queue.enabled() ? 0 : (int) (iotlb >>> 60) & 3;
        int am = (int) iva & 0x3F;
        if (granularity == 3 && am > maxAddressMask) {
            granularity = 0;
        }
        iotlb = iotlb & ~(1L << 63 | 3L << 57) | (long) granularity << 57;
        invalidations.iotlb(granularity, (int) (iotlb >>> 32) & 0xFFFF, iva & ~0xFFFL, am);
    }

    private static int half(long register, int offset) {
        return (int) (register >>> ((offset & 4) * 8));
    }

    /** The register with the dword at {@code offset} replaced by {@code value} in its writable bits. */
    private static long merge(long register, int offset, int value, long writable) {
        int shift = (offset & 4) * 8;
        long field = 0xFFFF_FFFFL << shift & writable;
        return register & ~field | ((value & 0xFFFF_FFFFL) << shift) & field;
    }
}
