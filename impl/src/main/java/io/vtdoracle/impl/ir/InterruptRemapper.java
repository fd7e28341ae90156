package io.vtdoracle.impl.ir;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.MsiMessage;
import io.vtdoracle.api.Result;
import io.vtdoracle.impl.fault.FaultCodes;
import io.vtdoracle.impl.fault.FaultRecorder;
import io.vtdoracle.impl.memory.GuestMemory;
import io.vtdoracle.impl.table.Irte;

/**
 * Interrupt remapping (contract §5, VT-d §5.1): requests in the interrupt window, the interrupt remapping table
 * latched by SIRTP (IRTA address, EIME and S), and the enables IRES and CFIS. IRTEs are read from memory on every
 * request (no interrupt entry cache). The entry's FPD suppresses recording of the faults it decides: not present,
 * reserved bits and source-id verification.
 */
public final class InterruptRemapper {

    private static final long ADDRESS_FORMAT = 1L << 4;
    private static final long ADDRESS_SHV = 1L << 3;

    private final GuestMemory memory;
    private final FaultRecorder faults;
    private boolean enabled;
    private boolean compatibilityAllowed;
    private boolean tablePointerSet;
    private long table;
    private boolean extendedMode;
    private int sizeField;

    public InterruptRemapper(GuestMemory memory, FaultRecorder faults) {
        this.memory = memory;
        this.faults = faults;
    }

    /** GSTS.IRES. */
    public boolean enabled() {
        return enabled;
    }

    public void enabled(boolean value) {
        enabled = value;
    }

    /** GSTS.CFIS. */
    public boolean compatibilityAllowed() {
        return compatibilityAllowed;
    }

    public void compatibilityAllowed(boolean value) {
        compatibilityAllowed = value;
    }

    /** GSTS.IRTPS. */
    public boolean tablePointerSet() {
        return tablePointerSet;
    }

    /** SIRTP: latches the IRTA register (address 63:12, EIME 11, S 3:0). */
    public void latchTable(long irta) {
        table = irta & ~0xFFFL;
        extendedMode = (irta & (1L << 11)) != 0;
        sizeField = (int) irta & 0xF;
        tablePointerSet = true;
    }

    /** An interrupt request of {@code sid}: a dword write of {@code data} to {@code address} in the window. */
    public Result remap(int sid, long address, int data) {
        if (!enabled) {
            return forward(address, data);
        }
        if ((address & ADDRESS_FORMAT) == 0) {
            if (compatibilityAllowed && !extendedMode) {
                return forward(address, data);
            }
            return fault(sid, 0x25, 0);
        }
        int handle = (int) (address >>> 5) & 0x7FFF | (int) (address >>> 2 & 1) << 15;
        boolean subhandleValid = (address & ADDRESS_SHV) != 0;
        int index = handle + (subhandleValid ? data & 0xFFFF : 0);
        if (subhandleValid && data >>> 16 != 0) {
            return fault(sid, 0x20, index);
        }
        if (index >= 1 << (sizeField + 1)) {
            return fault(sid, 0x21, index);
        }
        long offset = (long) index * Irte.SIZE;
        if (!memory.contains(table, offset + 8)) {
            return fault(sid, 0x23, index);
        }
        long lo = memory.read(table + offset);
        long hi = memory.read(table + offset + 8);
        int code = !Irte.present(lo) ? 0x22
                : Irte.reservedSet(lo, hi, extendedMode) ? 0x24
                : Irte.sourceValid(hi, sid) ? 0 : 0x26;
        if (code != 0) {
            return Irte.fpd(lo) ? new Result.InterruptFault(FaultCodes.reason(code)) : fault(sid, code, index);
        }
        return forward(Irte.messageAddress(lo, extendedMode), Irte.messageData(lo));
    }

    private static Result forward(long address, int data) {
        return new Result.InterruptForwarded(new MsiMessage(address, data));
    }

    private Result fault(int sid, int code, int index) {
        faults.record(sid, FaultCodes.reason(code), (long) index << 48, Access.WRITE);
        return new Result.InterruptFault(FaultCodes.reason(code));
    }
}
