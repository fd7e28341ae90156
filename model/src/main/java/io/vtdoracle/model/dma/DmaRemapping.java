package io.vtdoracle.model.dma;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vtdoracle.api.Access;
import io.vtdoracle.api.FaultReason;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.Result;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.model.Alternative;
import io.vtdoracle.model.Expectation;
import io.vtdoracle.model.UnitState;
import io.vtdoracle.model.cache.CacheEntry;
import io.vtdoracle.model.cache.CachedContext;
import io.vtdoracle.model.cache.CachedContextFault;
import io.vtdoracle.model.cache.CachedPageFault;
import io.vtdoracle.model.cache.Caches;
import io.vtdoracle.model.cache.IotlbEntry;
import io.vtdoracle.model.fault.FaultRecording;
import io.vtdoracle.model.fault.FaultReport;
import io.vtdoracle.model.paging.Leaf;
import io.vtdoracle.model.paging.PageWalk;
import io.vtdoracle.model.paging.WalkReadings;
import io.vtdoracle.model.roottable.ContextEntry;
import io.vtdoracle.model.roottable.ContextFault;
import io.vtdoracle.model.roottable.RootTable;
import io.vtdoracle.model.roottable.TranslationType;

/**
 * An untranslated DMA request outside the interrupt window (§3.4 – §3.7, §7.1.3, contract §3 and §3.1).
 *
 * <p>The request's context entry may come from a fresh read of the root and context tables, from any context-cache
 * entry of its source-id, or (caching mode) be a cached root/context fault; under a context entry its translation
 * may come from a fresh walk, from any IOTLB entry of its source-id and domain covering the address, or (caching
 * mode) be a cached faulting translation. Every combination is an alternative; the first is fresh throughout, and
 * its state records what the caches may now hold.
 */
public final class DmaRemapping {

    private DmaRemapping() {
    }

    /** The behaviours allowed for a DMA request of {@code source} to {@code address}; the first is a fresh walk. */
    public static List<Alternative> request(UnitState state, SourceId source, long address, Access access) {
        return request(state, source, address, access, WalkReadings.PREFERRED);
    }

    /** The same, with fresh walks reading the open points about walks as {@code readings} (A1, A7, A8). */
    public static List<Alternative> request(UnitState state, SourceId source, long address, Access access,
                                            WalkReadings readings) {
        // §10.4.5 GSTS.TES = 0: requests are not remapped.
        if (!state.registers().translationEnabled()) {
            return List.of(identity(state, address));
        }
        // §10.4.6: with ECAP.SMTS, a latched TTM other than 00b selects scalable-mode tables (or is invalid).
        if (state.capabilities().scalableMode().supported() && state.registers().translationTableMode() != 0) {
            return ScalableDmaRemapping.request(state, source, address, access, readings);
        }
        Request request = new Request(source, address, access, readings.order());
        Caches caches = state.caches();
        boolean cachingMode = state.capabilities().cachingMode();
        List<Path> fresh = RootTable.resolve(state, source).fold(
                fault -> Path.filling(contextFault(state, request, fault),
                        cachingMode ? List.of(new CachedContextFault(source, fault)) : List.empty()),
                entry -> underContext(state, request, entry).map(path -> path.after(new CachedContext(source, entry))));
        List<Path> cachedContexts = caches.contextsOf(source).flatMap(entry -> underContext(state, request, entry));
        List<Path> cachedFaults = caches.contextFaultsOf(source)
                .flatMap(fault -> Path.filling(contextFault(state, request, fault), List.empty()));
        return mergeFills(fresh.appendAll(cachedContexts).appendAll(cachedFaults));
    }

    /**
     * One way a unit may handle the request: its behaviour, in a state whose caches are still those before the
     * request, and the entries its lookups filled on the way (§6.2.2, §6.2.4, §6.1).
     */
    record Path(Alternative behaviour, List<CacheEntry> fills) {

        static List<Path> filling(List<Alternative> behaviours, List<CacheEntry> fills) {
            return behaviours.map(behaviour -> new Path(behaviour, fills));
        }

        Path after(CacheEntry earlier) {
            return new Path(behaviour, fills.prepend(earlier));
        }
    }

    /**
     * Paths with equal behaviours are one behaviour: whichever path a unit took to it, its caches may hold what
     * any of those paths filled. Paths whose behaviours differ (a fault collapsed, or dropped for overflow) stay
     * apart. Only the few filled entries are added to the caches, never whole caches merged.
     */
    static List<Alternative> mergeFills(List<Path> paths) {
        // Compared with equals, never hashed (a state's hash walks all of guest memory); the states share their
        // parts with the state before the request, so comparing them is cheap.
        List<Alternative> behaviours = Expectation.withoutRepeats(paths.map(Path::behaviour));
        return behaviours.map(behaviour -> {
            List<CacheEntry> fills = paths.filter(path -> path.behaviour().equals(behaviour)).flatMap(Path::fills);
            return new Alternative(behaviour.outcome(),
                    behaviour.next().withCaches(fills.foldLeft(behaviour.next().caches(), Caches::with)));
        });
    }

    /** The request as it arrived. */
    private record Request(SourceId source, long address, Access access, PageWalk.Order order) {
    }

    /** Steps 4–9 under a valid context entry, found fresh or in the context cache. */
    private static List<Path> underContext(UnitState state, Request request, ContextEntry context) {
        // §9.3 (TT = 10b): pass-through, the address is used unchanged.
        if (context.translationType() == TranslationType.PASS_THROUGH) {
            return List.of(new Path(identity(state, request.address()), List.empty()));
        }
        int did = context.domainId();
        Caches caches = state.caches();
        // §6.1: the leaf a walk reaches may be cached whatever the request's rights; with caching mode, so may
        // the entry that stopped a walk (not present, reserved, unreadable).
        Either<FaultReason, Leaf> walked = PageWalk.walk(state.memory(), state.capabilities(), context,
                request.address(), request.access(), request.order());
        List<Path> fresh = walked.fold(
                reason -> Path.filling(translationFault(state, request, context, reason),
                        state.capabilities().cachingMode()
                                ? List.of(new CachedPageFault(request.source(), did, request.address() & ~0xFFFL,
                                reason))
                                : List.empty()),
                leaf -> Path.filling(authorized(state, request, context, leaf),
                        List.of(new IotlbEntry(request.source(), did, leaf))));
        // §7.1.3: a cached translation still has its permission checked (and its output address).
        List<Alternative> cachedTranslations = caches.translationsOf(request.source(), did, request.address())
                .flatMap(leaf -> authorized(state, request, context, leaf));
        List<Alternative> cachedFaults = caches.pageFaultsOf(request.source(), did, request.address())
                .flatMap(reason -> translationFault(state, request, context, forAccess(reason, request.access())));
        return fresh.appendAll(Path.filling(cachedTranslations.appendAll(cachedFaults), List.empty()));
    }

    /** Steps 7–9 for a leaf, walked or cached: the request's rights and the output address (§7.1.3, §3.14). */
    private static List<Alternative> authorized(UnitState state, Request request, ContextEntry context, Leaf leaf) {
        return PageWalk.authorize(leaf, request.address(), request.access()).fold(
                reason -> translationFault(state, request, context, reason),
                authorized -> List.of(translated(state, request.address(), authorized)));
    }

    /**
     * A cached not-present fault answers a later request of either type with the reason for that
     * request's type (§7.1.3: 5h for writes, 6h for reads); other cached reasons are answered as they were.
     */
    private static FaultReason forAccess(FaultReason reason, Access access) {
        boolean notPermitted = reason == FaultReason.WRITE_NOT_PERMITTED || reason == FaultReason.READ_NOT_PERMITTED;
        if (!notPermitted) {
            return reason;
        }
        return access == Access.WRITE ? FaultReason.WRITE_NOT_PERMITTED : FaultReason.READ_NOT_PERMITTED;
    }

    /** A fault of steps 2–3, recorded unless the context entry read has FPD set and the reason is qualified. */
    private static List<Alternative> contextFault(UnitState state, Request request, ContextFault fault) {
        return fault(state, request, fault.reason(), fault.faultProcessingDisabled());
    }

    /** A fault of steps 5–8 under {@code context}, whose FPD governs its recording. */
    private static List<Alternative> translationFault(UnitState state, Request request, ContextEntry context,
                                                      FaultReason reason) {
        return fault(state, request, reason, context.faultProcessingDisabled());
    }

    private static List<Alternative> fault(UnitState state, Request request, FaultReason reason,
                                           boolean faultProcessingDisabled) {
        return fault(state, request.source(), request.address(), request.access(), reason, faultProcessingDisabled);
    }

    /**
     * §7.1.3, §7.2.1: the request is aborted with {@code reason}; the fault is recorded (page address as fault
     * information) unless FPD is set and the reason is qualified (2h–7h, Ch–Eh, and the scalable-mode reasons found
     * once a context entry was read: {@link FaultReason#isQualified()}).
     */
    static List<Alternative> fault(UnitState state, SourceId source, long address, Access access,
                                   FaultReason reason, boolean faultProcessingDisabled) {
        Result result = new Result.DmaFault(reason);
        if (faultProcessingDisabled && reason.isQualified()) {
            return List.of(new Alternative(Outcome.of(result), state));
        }
        FaultReport report = new FaultReport(source, reason, address & ~0xFFFL, access);
        return FaultRecording.record(state, report)
                .map(transition -> new Alternative(new Outcome(result, transition.events().toJavaList()),
                        transition.state()));
    }

    static Alternative translated(UnitState state, long address, Leaf leaf) {
        return new Alternative(Outcome.of(new Result.Translated(leaf.translate(address), leaf.pageMask(),
                leaf.permission())), state);
    }

    /** Disabled translation and pass-through: the address itself, as a 4 KiB page with every right. */
    static Alternative identity(UnitState state, long address) {
        return new Alternative(Outcome.of(new Result.Translated(address, 0xFFF, Permission.READ_WRITE)), state);
    }
}
