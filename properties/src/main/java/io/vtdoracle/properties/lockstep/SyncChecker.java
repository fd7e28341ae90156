package io.vtdoracle.properties.lockstep;

import io.vtdoracle.api.Operation;
import io.vtdoracle.properties.command.GuestView;
import io.vtdoracle.properties.command.ListenerSpec;
import io.vtdoracle.properties.command.SyncScope;
import io.vtdoracle.properties.oracle.Mappings;
import io.vtdoracle.properties.oracle.PageWalker;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Exactly-once and replay, checked against the property's own {@link PageWalker}: after an invalidation (or a TE
 * change, or a replay) every covered MAP+UNMAP listener's container equals the page tables' mappings inside the
 * synced range and the listener's range; every covered UNMAP-only listener got UNMAPs covering that range.
 */
final class SyncChecker {

    private final PageWalker walker;

    SyncChecker(PageWalker walker) {
        this.walker = walker;
    }

    Optional<String> check(GuestView view, SyncScope scope, ListenerTracker listeners) {
        for (ListenerSpec spec : listeners.registered()) {
            if (!covers(view, scope, spec)) {
                continue;
            }
            long first = Math.max(spec.first(), scope.first());
            long last = Math.min(spec.last(), scope.last());
            if (first > last) {
                continue;
            }
            if (spec.isType1()) {
                Mappings expected = walker.mappings(view.translation(), view.rootTable(), spec.source());
                List<Mappings.Interval> want = expected.withinOutsideWindow(first, last);
                List<Mappings.Interval> have = listeners.shadow(spec.id()).mappings().withinOutsideWindow(first, last);
                if (!want.equals(have)) {
                    return Optional.of(String.format("after %s, listener %s holds %s but the page tables map %s"
                            + " in [0x%x..0x%x]", describe(scope), spec, have, want, first, last));
                }
            } else if (listeners.isUnmapOnly(spec) && scope.isIotlb() && view.translation()
                    && walker.context(view.rootTable(), spec.source()).filter(c -> !c.passThrough()).isPresent()) {
                Optional<Long> hole = uncovered(listeners.unmaps(spec.id()), first, last);
                if (hole.isPresent()) {
                    return Optional.of(String.format("after %s, UNMAP-only listener %s got no UNMAP covering 0x%x",
                            describe(scope), spec, hole.get()));
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
                return true;
            case REPLAY:
                return spec.id() == scope.listener();
            case CONTEXT_DEVICE:
                return spec.source().equals(scope.source());
            default:
                return walker.context(view.rootTable(), spec.source())
                        .map(c -> c.did() == scope.did()).orElse(false);
        }
    }

    /** The first address of {@code first..last} outside the window that no range covers. */
    private static Optional<Long> uncovered(List<long[]> ranges, long first, long last) {
        List<long[]> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong(r -> r[0]));
        long next = first;
        for (long[] r : sorted) {
            if (next >= Operation.INTERRUPT_WINDOW_FIRST && next <= Operation.INTERRUPT_WINDOW_LAST) {
                next = Operation.INTERRUPT_WINDOW_LAST + 1;
            }
            if (r[0] > next) {
                break;
            }
            next = Math.max(next, r[1] + 1);
        }
        if (next >= Operation.INTERRUPT_WINDOW_FIRST && next <= Operation.INTERRUPT_WINDOW_LAST) {
            next = Operation.INTERRUPT_WINDOW_LAST + 1;
        }
        return next <= last ? Optional.of(next) : Optional.empty();
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
