package io.vtdoracle.properties.lockstep;

import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Result;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.guest.Registers;
import io.vtdoracle.properties.command.Attach;
import io.vtdoracle.properties.command.Command;
import io.vtdoracle.properties.command.Detach;
import io.vtdoracle.properties.command.RawContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Labels the register states a driver's read-back can show wrong, from what the driver last read and then wrote:
 * the tail written while FSTS showed IQE (§6.5.2.10); FSTS written without the PFO or IQE bit while it showed that
 * bit (§10.4.9); ICS written without IWC while it showed IWC (§10.4.24); CCMD or IOTLB_REG written with ICC / IVT
 * clear at a granularity other than the CAIG / IAIG it showed (§10.4.7, §10.4.8). Also a DMA fault of a device
 * whose context entry the guest last wrote with FPD = 1, by reason, and a root-table fault of another device right
 * after one (§7.1.3). One instance per case.
 */
final class StatusLabels {

    private static final int IQE_OR_PFO = Registers.IQE | Registers.PFO;

    private int status;
    private boolean waitCompleted;
    private long contextGranularity;
    private long iotlbGranularity;
    /** Per device, whether the guest's last raw write of its context entry set FPD. */
    private final Map<SourceId, Boolean> faultProcessingDisabled = new HashMap<>();
    private boolean afterFpdFault;

    /** Before a command (or a probe's step) runs: remembers the FPD of raw context entries. */
    void observe(Command command) {
        if (command instanceof RawContext r) {
            faultProcessingDisabled.put(r.source(), (r.low() & 2) != 0);
        } else if (command instanceof Attach a) {
            faultProcessingDisabled.remove(a.source());
        } else if (command instanceof Detach d) {
            faultProcessingDisabled.remove(d.source());
        }
    }

    List<String> ofOutcome(Operation operation, Outcome actual) {
        if (operation instanceof Operation.ReadRegister read && actual.result() instanceof Result.Value v) {
            read(read.offset(), v.value());
            return List.of();
        }
        if (operation instanceof Operation.WriteRegister write) {
            return written(write.offset(), write.value());
        }
        if (operation instanceof Operation.DmaRequest dma) {
            return fault(dma.source(), actual.result());
        }
        return List.of();
    }

    private void read(int offset, long value) {
        switch (offset) {
            case Registers.FSTS:
                status = (int) value;
                break;
            case Registers.ICS:
                waitCompleted = (value & 1) != 0;
                break;
            case Registers.CCMD:
                contextGranularity = value >>> 59 & 3;
                break;
            case Registers.IOTLB:
                iotlbGranularity = value >>> 57 & 3;
                break;
            default:
                break;
        }
    }

    private List<String> written(int offset, long value) {
        List<String> labels = new ArrayList<>();
        switch (offset) {
            case Registers.IQT:
                if ((status & Registers.IQE) != 0) {
                    labels.add("iqt-written-while-iqe");
                }
                break;
            case Registers.FSTS:
                if ((status & Registers.IQE) != 0 && (value & Registers.IQE) == 0) {
                    labels.add("fsts-write-keeps-iqe");
                }
                if ((status & Registers.PFO) != 0 && (value & Registers.PFO) == 0) {
                    labels.add("fsts-write-keeps-pfo");
                }
                status &= ~(int) (value & IQE_OR_PFO);
                break;
            case Registers.ICS:
                if (waitCompleted && (value & 1) == 0) {
                    labels.add("ics-write-keeps-iwc");
                }
                waitCompleted &= (value & 1) == 0;
                break;
            case Registers.CCMD:
                if (value >= 0 && (value >>> 61 & 3) != 0 && (value >>> 61 & 3) != contextGranularity) {
                    labels.add("ccmd-idle-other-granularity");
                }
                break;
            case Registers.IOTLB:
                if (value >= 0 && (value >>> 60 & 3) != 0 && (value >>> 60 & 3) != iotlbGranularity) {
                    labels.add("iotlb-idle-other-granularity");
                }
                break;
            default:
                break;
        }
        return labels;
    }

    private List<String> fault(SourceId source, Result result) {
        boolean after = afterFpdFault;
        afterFpdFault = false;
        if (!(result instanceof Result.DmaFault f)) {
            return List.of();
        }
        int code = f.reason().code();
        if (faultProcessingDisabled.getOrDefault(source, false)) {
            afterFpdFault = true;
            return List.of(String.format("fpd-fault=%Xh", code));
        }
        boolean root = code == 0x1 || code == 0x8 || code == 0x9 || code == 0xA;
        return after && root ? List.of("root-fault-after-fpd-fault") : List.of();
    }
}
