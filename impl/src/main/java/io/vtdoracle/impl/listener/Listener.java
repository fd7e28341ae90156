package io.vtdoracle.impl.listener;

import io.vtdoracle.api.ListenerFlag;
import io.vtdoracle.api.ListenerId;
import java.util.Set;

/** A registered listener: its device, IOVA range, flags and (for MAP listeners) its shadow. */
final class Listener {

    final ListenerId id;
    final DeviceSpace device;
    final long first;
    final long last;
    final boolean map;
    final boolean unmap;
    final boolean deviceTlbUnmap;
    /** The most pieces it may hold (contract §7.5). */
    final int mappingBudget;
    /** What the listener holds; present for MAP listeners only. */
    final PieceSet shadow;

    Listener(ListenerId id, DeviceSpace device, long first, long last, Set<ListenerFlag> flags, int mappingBudget) {
        this.id = id;
        this.device = device;
        this.first = first;
        this.last = last;
        this.map = flags.contains(ListenerFlag.MAP);
        this.unmap = flags.contains(ListenerFlag.UNMAP);
        this.deviceTlbUnmap = flags.contains(ListenerFlag.DEVICE_IOTLB_UNMAP);
        this.mappingBudget = mappingBudget;
        this.shadow = map ? new PieceSet() : null;
    }
}
