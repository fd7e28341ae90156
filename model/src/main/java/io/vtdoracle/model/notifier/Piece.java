package io.vtdoracle.model.notifier;

import io.vtdoracle.api.Event;
import io.vtdoracle.api.Event.NotificationType;
import io.vtdoracle.api.ListenerId;
import io.vtdoracle.api.Permission;

/**
 * A piece of a mapping as a listener is told it (contract §7.2): the naturally aligned block {@code iova..iova+mask}
 * translating to {@code translatedAddress..} with {@code permission}. Two pieces are the same translation when all
 * four fields are equal.
 */
public record Piece(long iova, long mask, long translatedAddress, Permission permission) {

    /** The IOVAs of the piece. */
    public IovaRange span() {
        return IovaRange.block(iova, mask);
    }

    /** The MAP notification of this piece. */
    public Event map(ListenerId listener) {
        return new Event.ListenerNotified(listener, NotificationType.MAP, iova, translatedAddress, mask, permission);
    }

    /** The UNMAP (or DEVICE_IOTLB_UNMAP) notification of a naturally aligned block: translated 0, permission NONE. */
    public static Event unmap(ListenerId listener, NotificationType type, IovaRange block) {
        return new Event.ListenerNotified(listener, type, block.first(), 0, block.mask(), Permission.NONE);
    }
}
