package io.vtdoracle.model.notifier;

import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vtdoracle.api.Event;
import io.vtdoracle.api.Event.NotificationType;
import io.vtdoracle.model.paging.Leaf;

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
     * MAPs, each in ascending IOVA order, of the types the listener hears. A listener without MAP is returned
     * unchanged.
     */
    public static ListenerUpdate sync(Listener listener, IovaRange invalidated, DeviceMappings mappings) {
        if (!listener.tracksMappings()) {
            return new ListenerUpdate(listener, List.empty());
        }
        Tuple2<IovaRange, List<Leaf>> widened = widened(listener.shadow(), invalidated, mappings);
        IovaRange range = widened._1;
        List<ShadowEntry> target = mappings.domain()
                .map(domain -> widened._2.flatMap(leaf -> Pieces.of(leaf, listener.effectiveRange())
                        .map(piece -> new ShadowEntry(piece, Pieces.span(leaf), domain))))
                .getOrElse(List.empty());
        List<ShadowEntry> held = listener.shadow().meeting(range);
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
     * An UNMAP-only listener's notifications for an invalidation of {@code invalidated} (contract §7.3): UNMAPs
     * covering the range clipped to its effective range, as naturally aligned blocks in ascending order.
     */
    public static ListenerUpdate cover(Listener listener, NotificationType type, IovaRange invalidated) {
        return new ListenerUpdate(listener, Pieces.cover(invalidated, listener.effectiveRange())
                .map(block -> Piece.unmap(listener.id(), type, block)));
    }

    /**
     * The invalidated range grown until no held or current leaf meeting it reaches beyond it, with the current
     * leaves meeting it. Leaves are naturally aligned blocks, so this takes at most a few rounds.
     */
    private static Tuple2<IovaRange, List<Leaf>> widened(Shadow shadow, IovaRange invalidated,
                                                         DeviceMappings mappings) {
        IovaRange range = invalidated;
        while (true) {
            IovaRange current = range;
            List<Leaf> leaves = mappings.leavesMeeting().apply(current);
            IovaRange grown = shadow.all().map(ShadowEntry::leaf)
                    .appendAll(leaves.map(Pieces::span))
                    .filter(leaf -> leaf.meets(current))
                    .foldLeft(current, IovaRange::hull);
            if (grown.equals(current)) {
                return Tuple.of(current, leaves);
            }
            range = grown;
        }
    }

    private static List<Piece> ascending(List<Piece> pieces) {
        return pieces.sorted((a, b) -> Long.compareUnsigned(a.iova(), b.iova()));
    }
}
