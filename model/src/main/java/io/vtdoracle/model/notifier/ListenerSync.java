package io.vtdoracle.model.notifier;

import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vtdoracle.api.Event.AddressSpaceView;
import io.vtdoracle.api.Event.NotificationType;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.model.Transition;
import io.vtdoracle.model.UnitState;
import io.vtdoracle.model.invalidation.ContextInvalidation;
import io.vtdoracle.model.invalidation.IotlbInvalidation;
import io.vtdoracle.model.invalidation.PasidCacheInvalidation;

/**
 * What listeners are told when the guest invalidates or switches translation (contract §7.3 – §7.5). Each call
 * receives the state after the caches were invalidated and returns it with updated listeners and the listener
 * events (and address-space switches), ordered per contract §7.4.
 */
public final class ListenerSync {

    private ListenerSync() {
    }

    /**
     * Contract §7.3: every listener of a device in the TRANSLATED view that the invalidation concerns (global:
     * every device; domain and page: a device whose context entry has the DID, or whose listeners hold pieces
     * found through that DID, IOTLB entries are tagged with it, §6.2) is brought up to date over the invalidated
     * range: MAP listeners exactly, UNMAP-only listeners with UNMAPs covering the range.
     */
    public static Transition afterIotlbInvalidation(UnitState state, IotlbInvalidation invalidation) {
        IovaRange range = invalidation instanceof IotlbInvalidation.Page
                ? pages((IotlbInvalidation.Page) invalidation)
                : IovaRange.ALL;
        List<SourceId> devices = state.listeners().devices()
                .filter(device -> state.listeners().view(device).contains(AddressSpaceView.TRANSLATED))
                .filter(device -> concerns(state, invalidation, device));
        List<ListenerUpdate> updates = devices.flatMap(device -> {
            DeviceMappings mappings = AddressSpaces.mappings(state, device);
            return state.listeners().on(device).map(listener -> listener.unmapOnly()
                    ? ShadowSync.cover(listener, NotificationType.UNMAP, range)
                    : ShadowSync.sync(listener, range, mappings));
        });
        return result(state, state.listeners(), List.empty(), updates);
    }

    /**
     * Contract §7.5: the domain switch. Every listener of every covered device (global: all; domain: a device
     * whose context entry has the DID or whose listeners hold pieces found through it; device: by SID and FM)
     * is brought to its full target in the device's current view, switching the view first if it changed.
     */
    public static Transition afterContextInvalidation(UnitState state, ContextInvalidation invalidation) {
        return refresh(state, state.listeners().devices().filter(device -> covers(state, invalidation, device)));
    }

    /**
     * Contract §9.10: the scalable-mode domain switch. Every listener of every device the PASID-cache invalidation
     * covers (global: all; domain-selective: a device whose RID_PASID entry has the DID or whose listeners hold
     * pieces found through it; PASID-selective: those of them whose context entry faults or has RID_PASID = PASID)
     * is brought to its full target in the device's current view, switching the view first if it changed.
     */
    public static Transition afterPasidCacheInvalidation(UnitState state, PasidCacheInvalidation invalidation) {
        return refresh(state, state.listeners().devices().filter(device -> covers(state, invalidation, device)));
    }

    /** Contract §7.5: after GSTS.TES changed, every device with listeners takes its current view. */
    public static Transition afterTranslationEnableChange(UnitState state) {
        return refresh(state, state.listeners().devices());
    }

    /**
     * Contract §7.3: after a device-TLB invalidation of {@code source} for IOVAs {@code first..last}, each of its
     * listeners with DEVICE_IOTLB_UNMAP is told that range clipped to its effective range, as aligned pieces.
     */
    public static Transition afterDeviceTlbInvalidation(UnitState state, SourceId source, long first, long last) {
        List<ListenerUpdate> updates = IovaRange.of(first, last).toList()
                .flatMap(range -> state.listeners().on(source)
                        .filter(listener -> listener.hears(NotificationType.DEVICE_IOTLB_UNMAP))
                        .map(listener -> ShadowSync.cover(listener, NotificationType.DEVICE_IOTLB_UNMAP, range)));
        return result(state, state.listeners(), List.empty(), updates);
    }

    /**
     * Each device takes its current view (an AddressSpaceSwitched event if it changed) and each of its listeners
     * is brought to the full target: the device's mappings in the TRANSLATED view, nothing in the IDENTITY view.
     */
    private static Transition refresh(UnitState state, List<SourceId> devices) {
        List<Tuple2<SourceId, AddressSpaceView>> views =
                devices.map(device -> Tuple.of(device, AddressSpaces.view(state, device)));
        List<Tuple2<SourceId, AddressSpaceView>> switches =
                views.filter(view -> !state.listeners().view(view._1).contains(view._2));
        Listeners listeners = switches.foldLeft(state.listeners(),
                (switched, view) -> switched.withView(view._1, view._2));
        List<ListenerUpdate> updates = views.flatMap(view -> {
            DeviceMappings mappings = view._2 == AddressSpaceView.TRANSLATED
                    ? AddressSpaces.mappings(state, view._1)
                    : DeviceMappings.none();
            return state.listeners().on(view._1).map(listener -> ShadowSync.sync(listener, IovaRange.ALL, mappings));
        });
        return result(state, listeners, switches, updates);
    }

    /** The IOVAs of a page-selective invalidation (its address is aligned; a range that would wrap is clipped). */
    private static IovaRange pages(IotlbInvalidation.Page page) {
        return IovaRange.of(page.first(), page.last()).getOrElse(() -> new IovaRange(page.first(), -1L));
    }

    private static boolean concerns(UnitState state, IotlbInvalidation invalidation, SourceId device) {
        if (invalidation instanceof IotlbInvalidation.Domain) {
            return hasDomain(state, device, ((IotlbInvalidation.Domain) invalidation).did());
        } else if (invalidation instanceof IotlbInvalidation.Page) {
            return hasDomain(state, device, ((IotlbInvalidation.Page) invalidation).did());
        }
        return true;
    }

    /** Contract §7.5; in scalable mode a domain-selective one covers every device (its DID is ignored, §9.10). */
    private static boolean covers(UnitState state, ContextInvalidation invalidation, SourceId device) {
        if (invalidation instanceof ContextInvalidation.Domain && state.registers().translationTableMode() == 1) {
            return true;
        } else if (invalidation instanceof ContextInvalidation.Domain) {
            return hasDomain(state, device, ((ContextInvalidation.Domain) invalidation).did());
        } else if (invalidation instanceof ContextInvalidation.Device) {
            return ((ContextInvalidation.Device) invalidation).covers(device);
        }
        return true;
    }

    private static boolean covers(UnitState state, PasidCacheInvalidation invalidation, SourceId device) {
        if (invalidation instanceof PasidCacheInvalidation.Domain domain) {
            return hasDomain(state, device, domain.did());
        } else if (invalidation instanceof PasidCacheInvalidation.Pasid pasid) {
            return hasDomain(state, device, pasid.did()) && AddressSpaces.scalableContext(state, device)
                    .forAll(context -> context.fold(fault -> true, entry -> entry.ridPasid() == pasid.pasid()
                            // §9.2 step 3: RID_PASID beyond the PASID directory is a fault of the context entry (48h)
                            || entry.ridPasid() > entry.largestPasid()));
        }
        return true;
    }

    /** The device's context or RID_PASID entry has this domain-id, or its listeners hold pieces found through it. */
    private static boolean hasDomain(UnitState state, SourceId device, int domain) {
        return AddressSpaces.domain(state, device).contains(domain)
                || state.listeners().on(device).exists(listener -> listener.shadow().holdsDomain(domain));
    }

    private static Transition result(UnitState state, Listeners listeners,
                                     List<Tuple2<SourceId, AddressSpaceView>> switches,
                                     List<ListenerUpdate> updates) {
        Listeners after = listeners.withAll(updates.map(ListenerUpdate::listener));
        return new Transition(state.withListeners(after), EventOrder.of(switches, updates));
    }
}
