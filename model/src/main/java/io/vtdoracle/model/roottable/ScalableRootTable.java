package io.vtdoracle.model.roottable;

import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vtdoracle.api.FaultReason;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.model.UnitState;

/**
 * Finding a device's scalable-mode context entry from guest memory as it is now (§3.4.3, contract §9.2): the root
 * entry of its bus at the latched root table address, the half its devfn selects, then its context entry. Never
 * uses caches.
 */
public final class ScalableRootTable {

    private ScalableRootTable() {
    }

    /** The valid scalable-mode context entry of {@code source}, or the fault with the FPD that governs it. */
    public static Either<ContextFault, ScalableContextEntry> resolve(UnitState state, SourceId source) {
        int haw = state.capabilities().addressWidth();
        int devfn = source.devfn();
        long rootTable = state.registers().rootTableAddress() & ~0xFFFL;
        Option<ScalableRootEntry> root = state.memory().readWords(rootTable + source.bus() * 16L, 2)
                .map(words -> new ScalableRootEntry(words.get(0), words.get(1)));
        if (root.isEmpty()) {
            return fault(FaultReason.SM_ROOT_TABLE_ACCESS_ERROR, false); // SRT.1
        }
        if (!root.get().present(devfn)) {
            return fault(FaultReason.SM_ROOT_ENTRY_NOT_PRESENT, false); // SRT.2
        }
        if (root.get().reservedBitsSet(devfn, haw)) {
            return fault(FaultReason.SM_ROOT_ENTRY_RESERVED, false); // SRT.3
        }
        // §9.4: 128 context entries of 256 bits per table, indexed by devfn[6:0].
        Option<ScalableContextEntry> read = state.memory()
                .readWords(root.get().contextTablePointer(devfn) + (devfn & 0x7F) * 32L, 4)
                .map(words -> new ScalableContextEntry(words.get(0), words.get(1), words.get(2), words.get(3)));
        if (read.isEmpty()) {
            return fault(FaultReason.SM_CONTEXT_TABLE_ACCESS_ERROR, false); // SCT.1
        }
        ScalableContextEntry context = read.get();
        boolean fpd = context.faultProcessingDisabled();
        if (!context.present()) {
            return fault(FaultReason.SM_CONTEXT_ENTRY_NOT_PRESENT, fpd); // SCT.2
        }
        if (context.reservedBitsSet(state.capabilities())) {
            return fault(FaultReason.SM_CONTEXT_ENTRY_RESERVED, fpd); // SCT.3
        }
        return Either.right(context);
    }

    private static Either<ContextFault, ScalableContextEntry> fault(FaultReason reason, boolean fpd) {
        return Either.left(new ContextFault(reason, fpd));
    }
}
