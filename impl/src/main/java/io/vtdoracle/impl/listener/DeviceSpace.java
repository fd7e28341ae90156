package io.vtdoracle.impl.listener;

import io.vtdoracle.api.Event.AddressSpaceView;
import java.util.TreeMap;

/**
 * The address space of one device that has listeners: its stored view (contract §7.5), its listeners by id, what
 * the last fresh context read said, and per-step scratch.
 */
final class DeviceSpace {

    final int sid;
    final TreeMap<Integer, Listener> listeners = new TreeMap<>();
    /** The stored view: taken at the first registration, changed only by TE changes and context invalidations. */
    AddressSpaceView view;

    // ---- the last fresh context read (DeviceMappings.resolve) ----
    /** Its domain-id; -1 while translation is disabled or when the entry faults. */
    int freshDomain = -1;
    /** In scalable mode, its context entry's RID_PASID; -1 otherwise or when the context entry faults. */
    int freshPasid = -1;
    AddressSpaceView freshView;
    /** TE = 1 and a valid, translating context entry: the device has mappings. */
    boolean mappable;
    long tablePointer;
    int levels;

    // ---- per-step scratch (see Listeners) ----
    /** The step in which the device was found concerned by (or covered by) an invalidation. */
    int selectedStep;

    DeviceSpace(int sid) {
        this.sid = sid;
    }

    /** Whether some listener of the device holds a piece found through domain-id {@code did}. */
    boolean holdsDomain(int did) {
        for (Listener listener : listeners.values()) {
            if (listener.map && listener.shadow.holdsDomain(did)) {
                return true;
            }
        }
        return false;
    }
}
