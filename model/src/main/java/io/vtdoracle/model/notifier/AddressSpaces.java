package io.vtdoracle.model.notifier;

import io.vavr.control.Option;
import io.vtdoracle.api.Event.AddressSpaceView;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.model.UnitState;
import io.vtdoracle.model.paging.LeafEnumeration;
import io.vtdoracle.model.roottable.ContextEntry;
import io.vtdoracle.model.roottable.RootTable;
import io.vtdoracle.model.roottable.TranslationType;

/**
 * A device's address space as the registers and guest memory say now (contract §7.1, §7.5): its view, the domain
 * of its context entry and its mappings, always from a fresh read of the root, context and second-level tables
 * through the latched root table address, never from caches.
 */
public final class AddressSpaces {

    private AddressSpaces() {
    }

    /** Contract §7.5: IDENTITY when translation is disabled or the context entry is pass-through. */
    public static AddressSpaceView view(UnitState state, SourceId device) {
        return !state.registers().translationEnabled() || context(state, device).exists(AddressSpaces::passThrough)
                ? AddressSpaceView.IDENTITY : AddressSpaceView.TRANSLATED;
    }

    /** The domain-id of the device's valid context entry, none while translation is disabled. */
    public static Option<Integer> domain(UnitState state, SourceId device) {
        return context(state, device).map(ContextEntry::domainId);
    }

    /**
     * Contract §7.1: the mappings of the device: none in the IDENTITY view or when the root or context entry
     * faults; otherwise the leaves the second-level tables reach without fault and with permission.
     */
    public static DeviceMappings mappings(UnitState state, SourceId device) {
        return context(state, device).filter(context -> !passThrough(context))
                .map(context -> new DeviceMappings(Option.some(context.domainId()),
                        (range, weight, limit) -> LeafEnumeration.leaves(state.memory(), state.capabilities(),
                                context, range.first(), range.last(), weight, limit)))
                .getOrElse(DeviceMappings::none);
    }

    /**
     * §3.4.3: the device's valid legacy context entry, read only while translation is enabled in legacy mode. In
     * scalable mode (latched TTM other than 00b) listeners are not modelled yet (contract §9.8): no context entry,
     * so the view is TRANSLATED with no mappings.
     */
    private static Option<ContextEntry> context(UnitState state, SourceId device) {
        return state.registers().translationEnabled() && state.registers().translationTableMode() == 0
                ? RootTable.resolve(state, device).toOption()
                : Option.none();
    }

    private static boolean passThrough(ContextEntry context) {
        return context.translationType() == TranslationType.PASS_THROUGH;
    }
}
