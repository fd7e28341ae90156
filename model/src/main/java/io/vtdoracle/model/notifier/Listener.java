package io.vtdoracle.model.notifier;

import io.vavr.collection.List;
import io.vavr.collection.SortedSet;
import io.vtdoracle.api.Event.NotificationType;
import io.vtdoracle.api.ListenerFlag;
import io.vtdoracle.api.ListenerId;
import io.vtdoracle.api.SourceId;

/**
 * A listener the VMM registered on the address space of device {@code source} for the IOVAs of {@code range}
 * (contract §7), with the flags it asked for, the most pieces it may hold (its mapping budget, contract §7.5)
 * and, for a MAP listener, its shadow.
 */
public record Listener(ListenerId id, SourceId source, IovaRange range, SortedSet<ListenerFlag> flags,
                       int mappingBudget, Shadow shadow) {

    /** Contract §7: the range without the interrupt window; every event stays inside it. */
    public List<IovaRange> effectiveRange() {
        return Pieces.effectiveRange(range);
    }

    /** A MAP listener keeps a shadow of the mappings it was told (contract §7.3). */
    public boolean tracksMappings() {
        return flags.contains(ListenerFlag.MAP);
    }

    /** An UNMAP listener without MAP is told every invalidated range instead (contract §7.3). */
    public boolean unmapOnly() {
        return flags.contains(ListenerFlag.UNMAP) && !flags.contains(ListenerFlag.MAP);
    }

    /** Contract §7.4: whether notifications of this type are delivered to the listener. */
    public boolean hears(NotificationType type) {
        switch (type) {
            case MAP:
                return flags.contains(ListenerFlag.MAP);
            case UNMAP:
                return flags.contains(ListenerFlag.UNMAP);
            default:
                return flags.contains(ListenerFlag.DEVICE_IOTLB_UNMAP);
        }
    }

    public Listener withShadow(Shadow value) {
        return new Listener(id, source, range, flags, mappingBudget, value);
    }
}
