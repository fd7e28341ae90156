package io.vtdoracle.model.notifier;

import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vtdoracle.api.Event.AddressSpaceView;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.model.UnitState;
import io.vtdoracle.model.paging.LeafEnumeration;
import io.vtdoracle.model.pasid.PasidGranularTranslationType;
import io.vtdoracle.model.pasid.PasidTable;
import io.vtdoracle.model.pasid.PasidTableEntry;
import io.vtdoracle.model.roottable.ContextEntry;
import io.vtdoracle.model.roottable.ContextFault;
import io.vtdoracle.model.roottable.RootTable;
import io.vtdoracle.model.roottable.ScalableContextEntry;
import io.vtdoracle.model.roottable.ScalableRootTable;
import io.vtdoracle.model.roottable.TranslationType;

/**
 * A device's address space as the registers and guest memory say now (contract §7.1, §7.5, §9.10): its view, its
 * domain and its mappings, always from a fresh read of the tables through the latched root table address, never
 * from caches. In legacy mode (latched TTM 00b) through the context entry; in scalable mode (01b) through the
 * PASID-table entry of the context's RID_PASID; with TTM 10b or 11b every device is TRANSLATED with no mappings.
 */
public final class AddressSpaces {

    private AddressSpaces() {
    }

    /**
     * Contract §7.5, §9.10: IDENTITY when translation is disabled or the device's context entry (legacy) or
     * RID_PASID entry (scalable) is pass-through.
     */
    public static AddressSpaceView view(UnitState state, SourceId device) {
        if (!state.registers().translationEnabled()) {
            return AddressSpaceView.IDENTITY;
        }
        boolean passThrough = switch (state.registers().translationTableMode()) {
            case 0 -> context(state, device).exists(AddressSpaces::passThrough);
            case 1 -> ridPasidEntry(state, device)
                    .exists(entry -> entry.translationType() == PasidGranularTranslationType.PASS_THROUGH);
            default -> false;
        };
        return passThrough ? AddressSpaceView.IDENTITY : AddressSpaceView.TRANSLATED;
    }

    /**
     * The device's domain-id: its valid context entry's (legacy) or RID_PASID entry's (scalable); none while
     * translation is disabled or the entry faults.
     */
    public static Option<Integer> domain(UnitState state, SourceId device) {
        return switch (state.registers().translationTableMode()) {
            case 0 -> context(state, device).map(ContextEntry::domainId);
            case 1 -> ridPasidEntry(state, device).map(PasidTableEntry::domainId);
            default -> Option.none();
        };
    }

    /**
     * Contract §7.1, §9.10: the mappings of the device: none in the IDENTITY view or when an entry on the way
     * faults; otherwise the leaves its second-level (legacy) or second-stage (scalable, PGTT 010b) tables reach
     * without fault and with permission. A first-stage RID_PASID entry has no mappings (nesting is not modelled).
     */
    public static DeviceMappings mappings(UnitState state, SourceId device) {
        if (state.registers().translationTableMode() == 1) {
            return ridPasidEntry(state, device).map(entry -> scalableMappings(state, entry))
                    .getOrElse(DeviceMappings::none);
        }
        return context(state, device).filter(context -> !passThrough(context))
                .map(context -> new DeviceMappings(Option.some(context.domainId()),
                        (range, weight, limit) -> LeafEnumeration.leaves(state.memory(), state.capabilities(),
                                context, range.first(), range.last(), weight, limit)))
                .getOrElse(DeviceMappings::none);
    }

    /**
     * The second-level tables the device's mappings come from, as (pointer, levels): a translating legacy context
     * entry's SLPTPTR and AW + 2, or a second-stage RID_PASID entry's SSPTPTR and AW + 2; none otherwise.
     */
    public static Option<Tuple2<Long, Integer>> secondLevelTables(UnitState state, SourceId device) {
        if (state.registers().translationTableMode() == 1) {
            return ridPasidEntry(state, device)
                    .filter(entry -> entry.translationType() == PasidGranularTranslationType.SECOND_STAGE)
                    .map(entry -> Tuple.of(entry.secondStagePageTablePointer(), entry.secondStageLevels()));
        }
        return context(state, device).filter(context -> !passThrough(context))
                .map(context -> Tuple.of(context.secondLevelPageTablePointer(), context.levels()));
    }

    /**
     * §3.4.3: the device's valid scalable-mode context entry, read only while translation is enabled in scalable
     * mode; or the fault that stops it.
     */
    public static Option<Either<ContextFault, ScalableContextEntry>> scalableContext(UnitState state,
                                                                                   SourceId device) {
        return state.registers().translationEnabled() && state.registers().translationTableMode() == 1
                ? Option.some(ScalableRootTable.resolve(state, device))
                : Option.none();
    }

    private static DeviceMappings scalableMappings(UnitState state, PasidTableEntry entry) {
        Option<Integer> did = Option.some(entry.domainId());
        if (entry.translationType() != PasidGranularTranslationType.SECOND_STAGE) {
            return new DeviceMappings(did, DeviceMappings.none().scanner());
        }
        return new DeviceMappings(did, (range, weight, limit) -> LeafEnumeration.leaves(state.memory(),
                state.capabilities(), entry.secondStagePageTablePointer(), entry.secondStageLevels(), range.first(),
                range.last(), weight, limit));
    }

    /** §3.4.3: the valid PASID-table entry of the device's RID_PASID, in scalable mode with translation enabled. */
    private static Option<PasidTableEntry> ridPasidEntry(UnitState state, SourceId device) {
        return scalableContext(state, device).flatMap(context -> context.toOption())
                .flatMap(context -> PasidTable.resolve(state, context, context.ridPasid()).toOption())
                .map(resolved -> resolved.entry());
    }

    /** §3.4.3: the device's valid legacy context entry, read only while translation is enabled in legacy mode. */
    private static Option<ContextEntry> context(UnitState state, SourceId device) {
        return state.registers().translationEnabled() && state.registers().translationTableMode() == 0
                ? RootTable.resolve(state, device).toOption()
                : Option.none();
    }

    private static boolean passThrough(ContextEntry context) {
        return context.translationType() == TranslationType.PASS_THROUGH;
    }
}
