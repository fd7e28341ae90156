package io.vtdoracle.properties.lockstep;

import io.vtdoracle.api.Event.AddressSpaceView;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.properties.command.GuestView;
import io.vtdoracle.properties.command.ListenerSpec;
import io.vtdoracle.properties.command.SyncScope;
import io.vtdoracle.properties.oracle.Mappings;
import io.vtdoracle.properties.oracle.PageWalker;
import io.vtdoracle.properties.oracle.ScalableWalker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongPredicate;

/**
 * Exactly-once and replay, checked against the property's own {@link PageWalker}: after an invalidation (or a TE
 * change, or a replay) every covered MAP+UNMAP listener's container equals the page tables' mappings inside the
 * synced range and the listener's range (nothing while its device's stored view is IDENTITY, contract §7.5);
 * every covered UNMAP-only listener of a device in the TRANSLATED view got UNMAPs covering that range. A listener
 * that overflowed in the command was emptied instead (checked when it was told, contract §7.5); tables that alias
 * into more leaves than the walker will visit, or into the driver's queue or status page, are left to the
 * refinement property.
 */
final class SyncChecker {

    /** The most leaves and table entries the property's walker visits for one check. */
    private static final int WALK_LIMIT = 1 << 16;

    private final PageWalker walker;
    private final ScalableWalker scalable;
    /**
     * The stored view of each device with listeners (contract §7.5), followed from the contract alone; null where
     * the contract leaves it to state the property code does not follow (which DIDs a shadow holds pieces
     * through), until the next refresh that settles it. Devices without listeners are absent.
     */
    private final Map<SourceId, AddressSpaceView> stored = new HashMap<>();

    SyncChecker(PageWalker walker, ScalableWalker scalable) {
        this.walker = walker;
        this.scalable = scalable;
    }

    /** The view a device takes now: IDENTITY with translation off or a pass-through context (contract §7.5). */
    private AddressSpaceView current(GuestView view, SourceId source) {
        return !view.translation() || context(view, source).map(c -> c.passThrough())
                .orElse(false) ? AddressSpaceView.IDENTITY : AddressSpaceView.TRANSLATED;
    }

    /**
     * The fresh context of {@code source}: in scalable mode its resolved RID_PASID entry (contract §9.10: its DID;
     * pass-through; second-stage levels and table, 0 levels for first stage, which has no mappings here).
     */
    private Optional<PageWalker.Context> context(GuestView view, SourceId source) {
        if (!view.scalable()) {
            return walker.context(view.rootTable(), source);
        }
        return scalable.resolve(view.rootTable(), source).map(r -> new PageWalker.Context(r.did(),
                r.pgtt() == ScalableWalker.PASS_THROUGH, r.pgtt() == ScalableWalker.SECOND_STAGE ? r.levels() : 0,
                r.table()));
    }

    /** Whether {@code source}'s fresh RID_PASID entry is reached through RID_PASID {@code pasid} (scalable mode). */
    private boolean throughPasid(GuestView view, SourceId source, int pasid) {
        return scalable.resolve(view.rootTable(), source).map(r -> r.pasid() == pasid).orElse(false);
    }

    /** The mappings a TRANSLATED device's listeners hold: its tables' (legacy or second stage), none for first stage. */
    private Optional<Mappings> mappings(GuestView view, SourceId source) {
        if (!view.scalable()) {
            return walker.mappings(view.translation(), view.rootTable(), source, WALK_LIMIT, driverPage(view));
        }
        Optional<PageWalker.Context> context = context(view, source).filter(c -> !c.passThrough() && c.levels() > 0);
        return !view.translation() || context.isEmpty() ? Optional.of(new Mappings())
                : walker.mappings(context.get().levels(), context.get().table(), WALK_LIMIT, driverPage(view));
    }

    /**
     * The pages the guest driver rewrites within one command: its invalidation queue (two pages of 256-bit
     * descriptors) and its status page. Tables that alias one of them change after the invalidation a check follows
     * (the next descriptor, the wait's status write), so such a device is left to the refinement property.
     */
    private static LongPredicate driverPage(GuestView view) {
        long queue = view.queueAddress();
        long queueEnd = queue + (view.scalable() ? 0x2000 : 0x1000);
        long status = view.statusPage() & ~0xFFFL;
        return table -> queue >= 0 && table >= queue && table < queueEnd || view.statusPage() >= 0 && table == status;
    }

    /** A listener of {@code source} was registered: a device without listeners takes its current view. */
    void registered(GuestView view, SourceId source) {
        if (!stored.containsKey(source)) {
            stored.put(source, current(view, source));
        }
    }

    /** Listeners were removed: devices left without listeners forget their view. */
    void unregistered(ListenerTracker listeners) {
        stored.keySet().removeIf(device -> listeners.registered().stream().noneMatch(l -> l.source().equals(device)));
    }

    /**
     * A TE change or a context-cache invalidation: the devices it covers take their current view. A
     * domain-selective invalidation also covers a device whose shadows hold pieces found through its DID; where
     * that would change the device's view, the view is no longer known.
     */
    void switchViews(GuestView view, SyncScope scope) {
        for (Map.Entry<SourceId, AddressSpaceView> e : stored.entrySet()) {
            SourceId device = e.getKey();
            AddressSpaceView now = current(view, device);
            switch (scope.kind()) {
                case TRANSLATION:
                case CONTEXT_GLOBAL:
                case PASID_CACHE_GLOBAL:
                    e.setValue(now);
                    break;
                case CONTEXT_DEVICE:
                    if (device.equals(scope.source())) {
                        e.setValue(now);
                    }
                    break;
                case CONTEXT_DOMAIN:
                case PASID_CACHE_DOMAIN:
                case PASID_CACHE_PASID:
                    // in scalable mode a domain-selective context invalidation covers every device (§9.10)
                    if (view.scalable() && scope.kind() == SyncScope.Kind.CONTEXT_DOMAIN
                            || surelyCovered(view, scope, device)) {
                        e.setValue(now);
                    } else if (e.getValue() == AddressSpaceView.TRANSLATED && now != AddressSpaceView.TRANSLATED) {
                        e.setValue(null);
                    }
                    break;
                default:
                    break;
            }
        }
    }

    Optional<Violation> check(GuestView view, SyncScope scope, ListenerTracker listeners) {
        for (ListenerSpec spec : listeners.registered()) {
            AddressSpaceView deviceView = stored.get(spec.source());
            if (deviceView == null || !covers(view, scope, spec)) {
                continue;
            }
            boolean translated = deviceView == AddressSpaceView.TRANSLATED;
            long first = Math.max(spec.first(), scope.first());
            long last = Math.min(spec.last(), scope.last());
            if (first > last) {
                continue;
            }
            if (spec.isType1() && !listeners.overflowed(spec.id())) {
                Optional<Mappings> walked = translated ? mappings(view, spec.source()) : Optional.of(new Mappings());
                if (walked.isEmpty()) {
                    continue;
                }
                List<Mappings.Interval> want = walked.get().withinOutsideWindow(first, last);
                List<Mappings.Interval> have = listeners.shadow(spec.id()).mappings().withinOutsideWindow(first, last);
                if (!want.equals(have)) {
                    return Optional.of(new Violation("listener " + spec + " holds " + have,
                            String.format("the page tables' %s in [0x%x..0x%x]", want, first, last),
                            String.format("after %s, listener %s holds %s but the page tables map %s"
                            + " in [0x%x..0x%x]", describe(scope), spec, have, want, first, last)));
                }
            } else if (listeners.isUnmapOnly(spec) && scope.isIotlb() && translated && view.translation()
                    && context(view, spec.source()).filter(c -> !c.passThrough() && c.levels() > 0).isPresent()) {
                Optional<Long> hole = uncovered(listeners.unmaps(spec.id()), first, last);
                if (hole.isPresent()) {
                    return Optional.of(new Violation(String.format("no UNMAP covering 0x%x", hole.get()),
                            String.format("UNMAPs covering [0x%x..0x%x]", first, last),
                            String.format("after %s, UNMAP-only listener %s got no UNMAP covering 0x%x",
                            describe(scope), spec, hole.get())));
                }
            }
        }
        return Optional.empty();
    }

    private boolean covers(GuestView view, SyncScope scope, ListenerSpec spec) {
        switch (scope.kind()) {
            case IOTLB_GLOBAL:
            case CONTEXT_GLOBAL:
            case TRANSLATION:
            case PASID_CACHE_GLOBAL:
                return true;
            case REPLAY:
                return spec.id() == scope.listener();
            case CONTEXT_DEVICE:
                return spec.source().equals(scope.source());
            case CONTEXT_DOMAIN:
                return view.scalable() || surelyCovered(view, scope, spec.source());
            case PIOTLB_PASID:
            case PIOTLB_PAGE:
                // no listener event: P_IOTLB does not invalidate second-stage mappings (§9.10)
                return false;
            default:
                return surelyCovered(view, scope, spec.source());
        }
    }

    /**
     * Whether a domain-scoped invalidation surely covers {@code device}: its fresh context (scalable mode: its
     * RID_PASID entry) has the scope's DID, and for a PASID-selective PASID-cache invalidation is reached through
     * RID_PASID 0.
     */
    private boolean surelyCovered(GuestView view, SyncScope scope, SourceId device) {
        return context(view, device).map(c -> c.did() == scope.did()).orElse(false)
                && (scope.kind() != SyncScope.Kind.PASID_CACHE_PASID || throughPasid(view, device, 0));
    }

    /**
     * The first address of {@code first..last} outside the window that no range covers. Unsigned throughout: a
     * piece may end at {@code Long.MAX_VALUE} (a listener up to 2^63 - 1), where {@code last + 1} wraps.
     */
    private static Optional<Long> uncovered(List<long[]> ranges, long first, long last) {
        List<long[]> sorted = new ArrayList<>(ranges);
        sorted.sort((a, b) -> Long.compareUnsigned(a[0], b[0]));
        long next = first;
        for (long[] r : sorted) {
            if (next >= Operation.INTERRUPT_WINDOW_FIRST && next <= Operation.INTERRUPT_WINDOW_LAST) {
                next = Operation.INTERRUPT_WINDOW_LAST + 1;
            }
            if (Long.compareUnsigned(r[0], next) > 0) {
                break;
            }
            if (Long.compareUnsigned(r[1], last) >= 0) {
                return Optional.empty();
            }
            if (Long.compareUnsigned(r[1] + 1, next) > 0) {
                next = r[1] + 1;
            }
        }
        if (next >= Operation.INTERRUPT_WINDOW_FIRST && next <= Operation.INTERRUPT_WINDOW_LAST) {
            next = Operation.INTERRUPT_WINDOW_LAST + 1;
        }
        return Long.compareUnsigned(next, last) <= 0 ? Optional.of(next) : Optional.empty();
    }

    static String describe(SyncScope scope) {
        switch (scope.kind()) {
            case IOTLB_PAGE:
                return String.format("psi d%d [0x%x..0x%x]", scope.did(), scope.first(), scope.last());
            case IOTLB_DOMAIN:
                return "iotlb-domain d" + scope.did();
            case CONTEXT_DOMAIN:
                return "cc-domain d" + scope.did();
            case CONTEXT_DEVICE:
                return "cc-device " + scope.source();
            case REPLAY:
                return "replay L" + scope.listener();
            default:
                return scope.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
