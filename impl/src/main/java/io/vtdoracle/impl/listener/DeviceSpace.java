package io.vtdoracle.impl.listener;

import io.vtdoracle.api.Event.AddressSpaceView;
import java.util.TreeMap;

/** The address space of one device that has listeners: its view, its listeners by id, and per-step scratch. */
final class DeviceSpace {

    final int sid;
    final TreeMap<Integer, Listener> listeners = new TreeMap<>();
    AddressSpaceView view;
    /** The DID of the context entry the shadows were last brought up to date from; -1 if none resolved. */
    int shadowDomain = -1;

    /** The step that filled {@link #leaves} and {@link #covered}; see {@link Listeners}. */
    int step;
    boolean covered;
    final LeafList leaves = new LeafList();

    DeviceSpace(int sid, AddressSpaceView view) {
        this.sid = sid;
        this.view = view;
    }

    boolean hasMapListener() {
        for (Listener listener : listeners.values()) {
            if (listener.map) {
                return true;
            }
        }
        return false;
    }

    /** The lowest first IOVA of its MAP listeners. */
    long mapHullFirst() {
        long first = -1L;
        for (Listener listener : listeners.values()) {
            if (listener.map) {
                first = Pieces.min(first, listener.first);
            }
        }
        return first;
    }

    /** The highest last IOVA of its MAP listeners. */
    long mapHullLast() {
        long last = 0;
        for (Listener listener : listeners.values()) {
            if (listener.map) {
                last = Pieces.max(last, listener.last);
            }
        }
        return last;
    }

    boolean isFirst(Listener listener) {
        return listeners.firstKey() == listener.id.value();
    }

    boolean isLast(Listener listener) {
        return listeners.lastKey() == listener.id.value();
    }
}
