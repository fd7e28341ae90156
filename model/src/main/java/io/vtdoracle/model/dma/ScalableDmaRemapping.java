package io.vtdoracle.model.dma;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vtdoracle.api.Access;
import io.vtdoracle.api.FaultReason;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.Result;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.model.Alternative;
import io.vtdoracle.model.UnitState;
import io.vtdoracle.model.cache.CachedPasidEntry;
import io.vtdoracle.model.cache.CachedScalableContext;
import io.vtdoracle.model.cache.CachedTranslation;
import io.vtdoracle.model.cache.ScalableIotlbEntry;
import io.vtdoracle.model.dma.DmaRemapping.Path;
import io.vtdoracle.model.firststage.FirstStageWalk;
import io.vtdoracle.model.paging.Leaf;
import io.vtdoracle.model.paging.PageWalk;
import io.vtdoracle.model.paging.WalkReadings;
import io.vtdoracle.model.pasid.PasidGranularTranslationType;
import io.vtdoracle.model.pasid.PasidTable;
import io.vtdoracle.model.pasid.PasidTableEntry;
import io.vtdoracle.model.pasid.ResolvedPasid;
import io.vtdoracle.model.roottable.AddressWidth;
import io.vtdoracle.model.roottable.ContextFault;
import io.vtdoracle.model.roottable.ScalableContextEntry;
import io.vtdoracle.model.roottable.ScalableRootTable;

/**
 * An untranslated DMA request without PASID in scalable mode (§3.4.3, §3.6, §3.7, §7.1.3, contract §9): the
 * scalable-mode root and context entries, the PASID-table entry of the context's RID_PASID, then the translation
 * its PGTT selects.
 *
 * <p>Caches (contract §9.9): the context entry may come from a fresh read or the scalable context cache; under it
 * the PASID-table entry from a fresh read or the PASID cache; under that the translation from a fresh walk or any
 * IOTLB entry of the source-id, the PASID-table entry's domain-id and the RID_PASID covering the address. Every
 * combination is an alternative; the first is fresh throughout, and its state records what the caches may hold.
 * Faults are not cached in scalable mode.
 */
final class ScalableDmaRemapping {

    private ScalableDmaRemapping() {
    }

    /** The request as it arrived. */
    private record Request(SourceId source, long address, Access access, WalkReadings readings) {
    }

    static List<Alternative> request(UnitState state, SourceId source, long address, Access access,
                                     WalkReadings readings) {
        // §10.4.6: TTM 10b and 11b are reserved (no ECAP.ADMS): every request faults RTA.1.
        if (state.registers().translationTableMode() != 1) {
            return DmaRemapping.fault(state, source, address, access, FaultReason.SM_ROOT_TABLE_MODE_INVALID, false);
        }
        Request request = new Request(source, address, access, readings);
        Either<ContextFault, ScalableContextEntry> read = ScalableRootTable.resolve(state, source);
        List<Path> fresh = read.fold(
                fault -> Path.filling(fault(state, request, fault), List.empty()),
                context -> underContext(state, request, context)
                        .map(path -> path.after(new CachedScalableContext(source, context))));
        // A cached entry equal to the one read leads to the fresh paths without their first fill, which mergeFills
        // would fold into them: skipped, so no walk is repeated (each repeat sets A/D bits in a memory of its own,
        // equal to the fresh one but only found so by comparing every word).
        List<Path> cached = state.caches().scalableContextsOf(source)
                .filter(context -> !read.contains(context))
                .flatMap(context -> underContext(state, request, context));
        return DmaRemapping.mergeFills(fresh.appendAll(cached));
    }

    /** §9.3: the PASID-table entry of the context's RID_PASID, read fresh or found in the PASID cache (§6.2.2). */
    private static List<Path> underContext(UnitState state, Request request, ScalableContextEntry context) {
        int pasid = context.ridPasid();
        Either<ContextFault, ResolvedPasid> read = PasidTable.resolve(state, context, pasid);
        List<Path> fresh = read.fold(
                fault -> Path.filling(fault(state, request, fault), List.empty()),
                resolved -> underPasid(state, request, resolved).map(path -> path.after(new CachedPasidEntry(
                        request.source(), pasid, resolved.directoryFaultProcessingDisabled(), resolved.entry()))));
        // §9.4: a RID_PASID beyond the directory is an error of the context entry, whatever the PASID cache holds.
        if (pasid > context.largestPasid()) {
            return fresh;
        }
        // As for the context entry: a cached entry resolving as the one read adds no behaviour and no fill.
        List<Path> cached = state.caches().pasidEntriesOf(request.source(), pasid)
                .map(held -> new ResolvedPasid(pasid, held.entry(), context.faultProcessingDisabled()
                        || held.directoryFaultProcessingDisabled() || held.entry().faultProcessingDisabled(),
                        held.directoryFaultProcessingDisabled()))
                .filter(resolved -> !read.contains(resolved))
                .flatMap(resolved -> underPasid(state, request, resolved));
        return fresh.appendAll(cached);
    }

    /**
     * The translation the PASID-table entry selects, fresh, or any IOTLB entry of its domain-id and PASID covering
     * the address (§6.2.3), whose cached rights are checked again (§7.1.3).
     */
    private static List<Path> underPasid(UnitState state, Request request, ResolvedPasid pasid) {
        PasidTableEntry entry = pasid.entry();
        boolean fpd = pasid.faultProcessingDisabled();
        List<Alternative> cached = state.caches()
                .scalableTranslationsOf(request.source(), entry.domainId(), pasid.pasid(), request.address())
                .filter(translation -> request.access() != Access.WRITE || translation.answersWrites())
                .flatMap(translation -> authorized(state, request, translation.leaf(), fpd));
        return translate(state, request, pasid).appendAll(Path.filling(cached, List.empty()));
    }

    /** §9.6 PGTT: the fresh translation the PASID-table entry selects, and the IOTLB entry it may fill. */
    private static List<Path> translate(UnitState state, Request request, ResolvedPasid pasid) {
        PasidTableEntry entry = pasid.entry();
        switch (entry.translationType()) {
            case PASS_THROUGH:
                return passThrough(state, request, pasid);
            case SECOND_STAGE:
                return secondStage(state, request, pasid);
            default: // first stage: PasidTable.resolve admits no other type (SPT.4)
                return firstStage(state, request, pasid);
        }
    }

    /** §9.6 (PGTT 100b): the input address is the output address; beyond the host address width it is SGN.4. */
    private static List<Path> passThrough(UnitState state, Request request, ResolvedPasid pasid) {
        long address = request.address();
        if ((address & AddressWidth.beyond(state.capabilities().addressWidth())) != 0) {
            return Path.filling(DmaRemapping.fault(state, request.source(), address, request.access(),
                    FaultReason.SM_ADDRESS_BEYOND_HAW, pasid.faultProcessingDisabled()), List.empty());
        }
        long page = address & ~0xFFFL;
        Leaf identity = new Leaf(page, 0xFFF, page, Permission.READ_WRITE);
        return Path.filling(List.of(DmaRemapping.identity(state, address)),
                List.of(filled(request, pasid, PasidGranularTranslationType.PASS_THROUGH, identity, true)));
    }

    /**
     * §3.7 (PGTT 010b): the legacy second-level walk from SSPTPTR, its stops named SSS.x and SGN.x. The leaf reached
     * may be cached whatever the request's rights (§6.2.3).
     */
    private static List<Path> secondStage(UnitState state, Request request, ResolvedPasid pasid) {
        PasidTableEntry entry = pasid.entry();
        return PageWalk.walkTables(state.memory(), state.capabilities(), entry.secondStagePageTablePointer(),
                        entry.secondStageLevels(), request.address(), request.access(), request.readings())
                .mapLeft(stop -> stop.scalableReason(request.access()))
                .fold(reason -> Path.filling(fault(state, request, reason, pasid.faultProcessingDisabled()),
                                List.empty()),
                        leaf -> Path.filling(authorized(state, request, leaf, pasid.faultProcessingDisabled()),
                                List.of(filled(request, pasid, PasidGranularTranslationType.SECOND_STAGE, leaf,
                                        true))));
    }

    /**
     * §3.6 (PGTT 001b): the first-stage walk from FSPTPTR; a success sets the A/D bits it used (§3.6.2) and may be
     * cached, answering writes only if it was a write (its D bit is set). A walk that faults sets none, but in the
     * other reading of A7, where it set A in the entries it used before the fault.
     */
    private static List<Path> firstStage(UnitState state, Request request, ResolvedPasid pasid) {
        PasidTableEntry entry = pasid.entry();
        long address = request.address();
        return FirstStageWalk.walk(state.memory(), state.capabilities(), entry.firstStagePageTablePointer(),
                        entry.firstStageLevels(), address, request.access(), request.readings().order())
                .fold(faulted -> Path.filling(fault(request.readings().accessedBeforeFault()
                                        ? state.withMemory(FirstStageWalk.setAccessedBeforeFault(state.memory(),
                                                faulted, request.access())) : state,
                                        request, faulted.reason(), pasid.faultProcessingDisabled()),
                                List.empty()),
                        walked -> Path.filling(List.of(new Alternative(Outcome.of(new Result.Translated(
                                        walked.leaf().translate(address), walked.leaf().pageMask(),
                                        walked.leaf().permission())),
                                        state.withMemory(FirstStageWalk.setAccessedDirty(state.memory(), walked,
                                                request.access())))),
                                List.of(filled(request, pasid, PasidGranularTranslationType.FIRST_STAGE,
                                        walked.leaf(), request.access() == Access.WRITE))));
    }

    private static ScalableIotlbEntry filled(Request request, ResolvedPasid pasid, PasidGranularTranslationType kind,
                                             Leaf leaf, boolean answersWrites) {
        return new ScalableIotlbEntry(request.source(), pasid.entry().domainId(), pasid.pasid(), kind,
                new CachedTranslation(leaf, answersWrites));
    }

    /** §7.1.3: the leaf's rights (SGN.6 85h, SGN.7 86h) and the interrupt window (SGN.8 87h). */
    private static List<Alternative> authorized(UnitState state, Request request, Leaf leaf, boolean fpd) {
        return authorize(leaf, request.address(), request.access()).fold(
                reason -> fault(state, request, reason, fpd),
                authorized -> List.of(DmaRemapping.translated(state, request.address(), authorized)));
    }

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

    private static List<Alternative> fault(UnitState state, Request request, ContextFault fault) {
        return fault(state, request, fault.reason(), fault.faultProcessingDisabled());
    }

    private static List<Alternative> fault(UnitState state, Request request, FaultReason reason, boolean fpd) {
        return DmaRemapping.fault(state, request.source(), request.address(), request.access(), reason, fpd);
    }
}
