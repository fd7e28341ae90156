package io.vtdoracle.model.notifier;

import io.vtdoracle.api.Event;
import io.vtdoracle.api.Event.NotificationType;
import io.vtdoracle.api.ListenerId;
import io.vtdoracle.api.Permission;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * A VFIO type1 container as a listener's backend sees it: MAP over a mapped IOVA fails, UNMAP of a range that is
 * not exactly a union of mappings (unmapped or partly mapped) fails.
 */
final class Type1Container {

    private final ListenerId listener;
    private final TreeSet<Piece> mappings = new TreeSet<>(Comparator.comparing(Piece::iova, Long::compareUnsigned));

    Type1Container(ListenerId listener) {
        this.listener = listener;
    }

    /** Applies the events delivered to this container's listener, in order; throws on a type1 failure. */
    Type1Container apply(Iterable<? extends Event> events) {
        for (Event event : events) {
            if (event instanceof Event.ListenerNotified
                    && ((Event.ListenerNotified) event).listener().equals(listener)) {
                apply((Event.ListenerNotified) event);
            }
        }
        return this;
    }

    private void apply(Event.ListenerNotified event) {
        IovaRange range = IovaRange.block(event.iova(), event.addressMask());
        List<Piece> overlapping = new ArrayList<>();
        mappings.forEach(piece -> {
            if (piece.span().meets(range)) {
                overlapping.add(piece);
            }
        });
        if (event.type() == NotificationType.MAP) {
            if (!overlapping.isEmpty()) {
                throw new AssertionError("MAP over mapped IOVAs: " + event + " meets " + overlapping);
            }
            mappings.add(new Piece(event.iova(), event.addressMask(), event.translatedAddress(), event.permission()));
        } else if (event.type() == NotificationType.UNMAP) {
            long covered = 0;
            for (Piece piece : overlapping) {
                if (!range.contains(piece.iova()) || !range.contains(piece.span().last())) {
                    throw new AssertionError("UNMAP of a partly mapped range: " + event + " cuts " + piece);
                }
                covered += piece.mask() + 1;
            }
            if (covered != event.addressMask() + 1) {
                throw new AssertionError("UNMAP of unmapped IOVAs: " + event);
            }
            mappings.removeAll(overlapping);
        }
        if (event.type() == NotificationType.UNMAP && event.permission() != Permission.NONE) {
            throw new AssertionError("UNMAP with a permission: " + event);
        }
    }

    /** What the container maps, ascending. */
    List<Piece> mappings() {
        return new ArrayList<>(mappings);
    }
}
