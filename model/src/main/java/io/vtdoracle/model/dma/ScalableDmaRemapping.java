package io.vtdoracle.model.dma;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vtdoracle.api.Access;
import io.vtdoracle.api.FaultReason;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Result;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.model.Alternative;
import io.vtdoracle.model.UnitState;
import io.vtdoracle.model.firststage.FirstStageWalk;
import io.vtdoracle.model.paging.Leaf;
import io.vtdoracle.model.paging.PageWalk;
import io.vtdoracle.model.pasid.PasidTable;
import io.vtdoracle.model.pasid.PasidTableEntry;
import io.vtdoracle.model.pasid.ResolvedPasid;
import io.vtdoracle.model.roottable.AddressWidth;
import io.vtdoracle.model.roottable.ContextFault;
import io.vtdoracle.model.roottable.ScalableRootTable;

/**
 * An untranslated DMA request without PASID in scalable mode (§3.4.3, §3.6, §3.7, §7.1.3, contract §9): the
 * scalable-mode root and context entries, the PASID-table entry of the context's RID_PASID, then the translation
 * its PGTT selects. Every structure is read fresh: scalable-mode caching is not modelled yet (contract §9.8), so a
 * fresh walk is the only behaviour admitted.
 */
final class ScalableDmaRemapping {

    private ScalableDmaRemapping() {
    }

    static List<Alternative> request(UnitState state, SourceId source, long address, Access access,
                                     PageWalk.Order order) {
        // §10.4.6: TTM 10b and 11b are reserved (no ECAP.ADMS): every request faults RTA.1.
        if (state.registers().translationTableMode() != 1) {
            return DmaRemapping.fault(state, source, address, access, FaultReason.SM_ROOT_TABLE_MODE_INVALID, false);
        }
        return ScalableRootTable.resolve(state, source)
                .flatMap(context -> PasidTable.resolve(state, context, context.ridPasid()))
                .fold(fault -> fault(state, source, address, access, fault),
                        pasid -> translate(state, source, address, access, order, pasid));
    }

    private static List<Alternative> fault(UnitState state, SourceId source, long address, Access access,
                                           ContextFault fault) {
        return DmaRemapping.fault(state, source, address, access, fault.reason(), fault.faultProcessingDisabled());
    }

    /** §9.6 PGTT: the translation the PASID-table entry selects. */
    private static List<Alternative> translate(UnitState state, SourceId source, long address, Access access,
                                               PageWalk.Order order, ResolvedPasid pasid) {
        PasidTableEntry entry = pasid.entry();
        boolean fpd = pasid.faultProcessingDisabled();
        switch (entry.translationType()) {
            case PASS_THROUGH:
                return passThrough(state, source, address, access, fpd);
            case SECOND_STAGE:
                return secondStage(state, source, address, access, order, entry, fpd);
            default: // first stage: PasidTable.resolve admits no other type (SPT.4)
                return firstStage(state, source, address, access, order, entry, fpd);
        }
    }

    /** §9.6 (PGTT 100b): the input address is the output address; beyond the host address width it is SGN.4. */
    private static List<Alternative> passThrough(UnitState state, SourceId source, long address, Access access,
                                                 boolean fpd) {
        if ((address & AddressWidth.beyond(state.capabilities().addressWidth())) != 0) {
            return DmaRemapping.fault(state, source, address, access, FaultReason.SM_ADDRESS_BEYOND_HAW, fpd);
        }
        return List.of(DmaRemapping.identity(state, address));
    }

    /** §3.7 (PGTT 010b): the legacy second-level walk from SSPTPTR, its stops named SSS.x and SGN.x. */
    private static List<Alternative> secondStage(UnitState state, SourceId source, long address, Access access,
                                                 PageWalk.Order order, PasidTableEntry entry, boolean fpd) {
        return PageWalk.walkTables(state.memory(), state.capabilities(), entry.secondStagePageTablePointer(),
                        entry.secondStageLevels(), address, access, order)
                .mapLeft(stop -> stop.scalableReason(access))
                .flatMap(leaf -> authorize(leaf, address, access))
                .fold(reason -> DmaRemapping.fault(state, source, address, access, reason, fpd),
                        leaf -> List.of(DmaRemapping.translated(state, address, leaf)));
    }

    /** §7.1.3: the accumulated rights (SGN.6 85h, SGN.7 86h) and the interrupt window (SGN.8 87h). */
    private static Either<FaultReason, Leaf> authorize(Leaf leaf, long address, Access access) {
        if (!leaf.permission().allows(access)) {
            return Either.left(access == Access.WRITE ? FaultReason.SM_WRITE_NOT_PERMITTED
                    : FaultReason.SM_READ_NOT_PERMITTED);
        }
        if (Operation.inInterruptWindow(leaf.translate(address))) {
            return Either.left(FaultReason.SM_INTERRUPT_ADDRESS);
        }
        return Either.right(leaf);
    }

    /** §3.6 (PGTT 001b): the first-stage walk from FSPTPTR; a success sets the A/D bits it used (§3.6.2). */
    private static List<Alternative> firstStage(UnitState state, SourceId source, long address, Access access,
                                                PageWalk.Order order, PasidTableEntry entry, boolean fpd) {
        return FirstStageWalk.walk(state.memory(), state.capabilities(), entry.firstStagePageTablePointer(),
                        entry.firstStageLevels(), address, access, order)
                .fold(reason -> DmaRemapping.fault(state, source, address, access, reason, fpd),
                        walked -> List.of(new Alternative(Outcome.of(new Result.Translated(
                                walked.leaf().translate(address), walked.leaf().pageMask(),
                                walked.leaf().permission())),
                                state.withMemory(FirstStageWalk.setAccessedDirty(state.memory(), walked, access)))));
    }
}
