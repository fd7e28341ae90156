package io.vtdoracle.model.pasid;

import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.FaultReason;
import io.vtdoracle.model.UnitState;
import io.vtdoracle.model.roottable.ContextFault;
import io.vtdoracle.model.roottable.ScalableContextEntry;

/**
 * Finding the PASID-table entry of one PASID under a scalable-mode context entry, from guest memory as it is now
 * (§3.4.3, contract §9.3): the PASID directory entry of PASID[19:6], then the PASID-table entry of PASID[5:0].
 * Requests without PASID use the context entry's RID_PASID. Never uses caches.
 */
public final class PasidTable {

    private PasidTable() {
    }

    /** The valid PASID-table entry for {@code pasid} under {@code context}, or the fault and its FPD. */
    public static Either<ContextFault, ResolvedPasid> resolve(UnitState state, ScalableContextEntry context,
                                                              int pasid) {
        Capabilities capabilities = state.capabilities();
        boolean fpd = context.faultProcessingDisabled();
        // §9.4: the directory holds 2^(PDTS + 7) entries; RID_PASID beyond it is an error of the context entry.
        if (pasid > context.largestPasid()) {
            return fault(FaultReason.SM_CONTEXT_RID_PASID_INVALID, fpd); // SCT.9
        }
        Option<PasidDirectoryEntry> directory = state.memory()
                .read(context.pasidDirectoryPointer() + (pasid >>> 6) * 8L).map(PasidDirectoryEntry::new);
        if (directory.isEmpty()) {
            return fault(FaultReason.SM_PASID_DIRECTORY_ACCESS_ERROR, fpd); // SPD.1
        }
        fpd |= directory.get().faultProcessingDisabled();
        if (!directory.get().present()) {
            return fault(FaultReason.SM_PASID_DIRECTORY_ENTRY_NOT_PRESENT, fpd); // SPD.2
        }
        if (directory.get().reservedBitsSet(capabilities.addressWidth())) {
            return fault(FaultReason.SM_PASID_DIRECTORY_ENTRY_RESERVED, fpd); // SPD.3
        }
        Option<PasidTableEntry> read = state.memory()
                .readWords(directory.get().pasidTablePointer() + (pasid & 0x3F) * 64L, 8).map(PasidTableEntry::new);
        if (read.isEmpty()) {
            return fault(FaultReason.SM_PASID_TABLE_ACCESS_ERROR, fpd); // SPT.1
        }
        PasidTableEntry entry = read.get();
        fpd |= entry.faultProcessingDisabled();
        if (!entry.present()) {
            return fault(FaultReason.SM_PASID_ENTRY_NOT_PRESENT, fpd); // SPT.2
        }
        if (entry.reservedBitsSet(capabilities)) {
            return fault(FaultReason.SM_PASID_ENTRY_RESERVED, fpd); // SPT.3
        }
        if (!entry.validProgramming(capabilities)) {
            return fault(FaultReason.SM_PASID_ENTRY_INVALID, fpd); // SPT.4
        }
        return Either.right(new ResolvedPasid(pasid, entry, fpd, directory.get().faultProcessingDisabled()));
    }

    private static Either<ContextFault, ResolvedPasid> fault(FaultReason reason, boolean fpd) {
        return Either.left(new ContextFault(reason, fpd));
    }
}
