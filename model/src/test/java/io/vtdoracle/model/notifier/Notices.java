package io.vtdoracle.model.notifier;

import io.vtdoracle.api.Event;
import io.vtdoracle.api.Event.AddressSpaceView;
import io.vtdoracle.api.Event.NotificationType;
import io.vtdoracle.api.ListenerId;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.SourceId;

/** Expected events, written briefly. */
final class Notices {

    private Notices() {
    }

    static Event map(int listener, long iova, long mask, long translated, Permission permission) {
        return new Event.ListenerNotified(new ListenerId(listener), NotificationType.MAP, iova, translated, mask,
                permission);
    }

    static Event unmap(int listener, long iova, long mask) {
        return notified(listener, NotificationType.UNMAP, iova, mask);
    }

    static Event notified(int listener, NotificationType type, long iova, long mask) {
        return new Event.ListenerNotified(new ListenerId(listener), type, iova, 0, mask, Permission.NONE);
    }

    static Event switched(SourceId device, AddressSpaceView view) {
        return new Event.AddressSpaceSwitched(device, view);
    }
}
