package io.vtdoracle.model.notifier;

import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vtdoracle.api.Event;
import io.vtdoracle.api.Event.NotificationType;
import io.vtdoracle.model.paging.LeafScan;

/** Bringing one listener up to date with its device's mappings over an invalidated range (contract §7.3). */
public final class ShadowSync {

    private ShadowSync() {
    }

    /**
     * A MAP listener brought exactly up to date in {@code invalidated}. The range first widens to whole leaves:
     * while a leaf the listener holds pieces of, or a leaf of the current tables, meets the range and reaches
     * beyond it, the range grows to cover it (§10.4.8.2: the invalidation of a superpage must cover it
     * whole, so one that touches it removes it whole; contract §7.3: a leaf the range touches is delivered
     * whole). In the widened range, the held pieces that are not exactly a target piece are unmapped and the
     * target pieces not exactly held are mapped; pieces outside it are kept. The events are the UNMAPs, then the
     * MAPs, each in ascending IOVA order, of the types the listener hears. If the kept and target pieces together
     * are more than the listener's mapping budget, it overflows instead (contract §7.5): the target is enumerated
     * only until that is known. A listener without MAP is returned unchanged.
     */
    public static ListenerUpdate sync(Listener listener, IovaRange invalidated, DeviceMappings mappings) {
        if (!listener.tracksMappings()) {
            return new ListenerUpdate(listener, List.empty());
        }
        IovaRange range = widened(listener.shadow(), invalidated, mappings);
        List<ShadowEntry> held = listener.shadow().meeting(range);
        long room = (long) listener.mappingBudget() - (listener.shadow().size() - held.size());
        List<IovaRange> effective = listener.effectiveRange();
        LeafScan scan = listener.range().intersect(range)
                .map(walked -> mappings.leavesMeeting(walked, leaf -> Pieces.of(leaf, effective).size(), room))
                .getOrElse(() -> new LeafScan(List.empty(), false));
        if (scan.exceeded()) {
            return overflow(listener);
        }
        List<ShadowEntry> target = mappings.domain()
                .map(domain -> scan.leaves().flatMap(leaf -> Pieces.of(leaf, effective)
                        .map(piece -> new ShadowEntry(piece, Pieces.span(leaf), domain))))
                .getOrElse(List.empty());
        Set<Piece> targetPieces = HashSet.ofAll(target.map(ShadowEntry::piece));
        Set<Piece> heldPieces = HashSet.ofAll(held.map(ShadowEntry::piece));
        List<Piece> unmapped = held.map(ShadowEntry::piece).filter(piece -> !targetPieces.contains(piece));
        List<Piece> mapped = target.map(ShadowEntry::piece).filter(piece -> !heldPieces.contains(piece));
        List<Event> events = List.empty();
        if (listener.hears(NotificationType.UNMAP)) {
            events = events.appendAll(ascending(unmapped)
                    .map(piece -> Piece.unmap(listener.id(), NotificationType.UNMAP, piece.span())));
        }
        if (listener.hears(NotificationType.MAP)) {
            events = events.appendAll(ascending(mapped).map(piece -> piece.map(listener.id())));
        }
        return new ListenerUpdate(listener.withShadow(listener.shadow().replace(held, target)), events);
    }

    /**
     * Contract §7.5: a listener past its mapping budget is told to unmap every piece it holds (if it hears
     * UNMAP), in ascending IOVA order, then that it overflowed; it holds nothing afterwards.
     */
    private static ListenerUpdate overflow(Listener listener) {
        List<Event> unmaps = listener.hears(NotificationType.UNMAP)
                ? listener.shadow().all().map(entry ->
                        Piece.unmap(listener.id(), NotificationType.UNMAP, entry.piece().span()))
                : List.empty();
        return new ListenerUpdate(listener.withShadow(Shadow.empty()),
                unmaps.append(new Event.ListenerOverflowed(listener.id())));
    }

    /**
     * An UNMAP-only listener's notifications for an invalidation of {@code invalidated} (contract §7.3): UNMAPs
     * covering the range clipped to its effective range, as naturally aligned blocks in ascending order.
     */
    public static ListenerUpdate cover(Listener listener, NotificationType type, IovaRange invalidated) {
        return new ListenerUpdate(listener, Pieces.cover(invalidated, listener.effectiveRange())
                .map(block -> Piece.unmap(listener.id(), type, block)));
    }

    /**
     * The invalidated range grown until no held or current leaf meeting it reaches beyond it. Such a leaf holds
     * the range's first or last address, so only the leaves there are looked at; leaves are naturally aligned
     * blocks, so this takes at most a few rounds.
     */
    private static IovaRange widened(Shadow shadow, IovaRange invalidated, DeviceMappings mappings) {
        IovaRange range = invalidated;
        while (true) {
            IovaRange current = range;
            IovaRange grown = List.of(current.first(), current.last())
                    .flatMap(end -> shadow.leafAt(end).toList().appendAll(mappings.leafAt(end).map(Pieces::span)))
                    .foldLeft(current, IovaRange::hull);
            if (grown.equals(current)) {
                return current;
            }
            range = grown;
        }
    }

    private static List<Piece> ascending(List<Piece> pieces) {
        return pieces.sorted((a, b) -> Long.compareUnsigned(a.iova(), b.iova()));
    }
}
