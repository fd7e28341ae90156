package io.vtdoracle.model.interrupt;

import io.vavr.collection.List;
import io.vtdoracle.api.Access;
import io.vtdoracle.api.FaultReason;
import io.vtdoracle.api.MsiMessage;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Result;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.model.Alternative;
import io.vtdoracle.model.UnitState;
import io.vtdoracle.model.fault.FaultRecording;
import io.vtdoracle.model.fault.FaultReport;
import io.vtdoracle.model.registers.RegisterFile;

/**
 * An interrupt request in the interrupt window (§5.1, contract §5): passed through, remapped through the latched
 * interrupt-remapping table (read fresh: the interrupt entry cache is not modelled), or blocked with a fault.
 */
public final class InterruptRemapping {

    private InterruptRemapping() {
    }

    /** The behaviours allowed for an interrupt request: forwarded, or an interrupt-remapping fault. */
    public static List<Alternative> request(UnitState state, SourceId source, long address, int data) {
        RegisterFile registers = state.registers();
        // §5.1: with interrupt remapping disabled, requests go on unchanged.
        if (!registers.interruptRemappingEnabled()) {
            return forwarded(state, new MsiMessage(address, data));
        }
        InterruptAddress request = new InterruptAddress(address);
        boolean extended = registers.extendedInterruptMode();
        if (!request.remappable()) {
            // §5.1.2.1: compatibility format passes through only with CFIS = 1 in xAPIC mode, else 25h.
            return registers.compatibilityFormatEnabled() && !extended
                    ? forwarded(state, new MsiMessage(address, data))
                    : fault(state, source, FaultReason.IR_COMPATIBILITY_BLOCKED, 0, false);
        }
        // §5.1.2.2: the interrupt index is the handle plus, with SHV, the sub-handle in data[15:0].
        long index = request.handle() + (request.subhandleValid() ? data & 0xFFFF : 0);
        if (request.subhandleValid() && (data >>> 16) != 0) {
            return fault(state, source, FaultReason.IR_REQUEST_RESERVED, index, false); // 20h
        }
        if (index >= registers.irtEntries()) {
            return fault(state, source, FaultReason.IR_INDEX_BEYOND_TABLE, index, false); // 21h
        }
        long entryAddress = registers.irtBase() + index * 16;
        var low = state.memory().read(entryAddress);
        var high = state.memory().read(entryAddress + 8);
        if (low.isEmpty() || high.isEmpty()) {
            return fault(state, source, FaultReason.IR_TABLE_ACCESS_ERROR, index, false); // 23h
        }
        InterruptRemappingTableEntry entry = new InterruptRemappingTableEntry(low.get(), high.get());
        // §9.10 FPD: from here on, faults through this entry are recorded only with FPD = 0.
        boolean fpd = entry.faultProcessingDisabled();
        if (!entry.present()) {
            return fault(state, source, FaultReason.IR_ENTRY_NOT_PRESENT, index, fpd); // 22h
        }
        if (entry.reservedBitsSet(extended)) {
            return fault(state, source, FaultReason.IR_ENTRY_RESERVED, index, fpd); // 24h
        }
        if (!entry.verifies(source)) {
            return fault(state, source, FaultReason.IR_SOURCE_ID_INVALID, index, fpd); // 26h
        }
        return entry.messages(extended).flatMap(message -> forwarded(state, message));
    }

    private static List<Alternative> forwarded(UnitState state, MsiMessage message) {
        return List.of(new Alternative(Outcome.of(new Result.InterruptForwarded(message)), state));
    }

    /**
     * §5.1.4.1, §7.2.1: the request is blocked with {@code reason}; unless {@code faultProcessingDisabled}, the fault
     * is recorded with the interrupt index in fault-information bits 63:48, as a write.
     */
    private static List<Alternative> fault(UnitState state, SourceId source, FaultReason reason, long index,
                                           boolean faultProcessingDisabled) {
        Result result = new Result.InterruptFault(reason);
        if (faultProcessingDisabled) {
            return List.of(new Alternative(Outcome.of(result), state));
        }
        return FaultRecording.record(state, new FaultReport(source, reason, index << 48, Access.WRITE))
                .map(transition -> new Alternative(new Outcome(result, transition.events().toJavaList()),
                        transition.state()));
    }
}
