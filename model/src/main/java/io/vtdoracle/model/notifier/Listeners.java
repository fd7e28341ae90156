package io.vtdoracle.model.notifier;

import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import io.vtdoracle.api.Event.AddressSpaceView;
import io.vtdoracle.api.ListenerId;
import io.vtdoracle.api.SourceId;

/**
 * The VMM's listeners and what each has been told (contract §7): the listeners by id, and for every device that
 * has listeners the view its address space is in (contract §7.5).
 */
public record Listeners(TreeMap<ListenerId, Listener> byId, TreeMap<SourceId, AddressSpaceView> views) {

    public static Listeners empty() {
        return new Listeners(TreeMap.empty(), TreeMap.empty());
    }

    public Option<Listener> get(ListenerId id) {
        return byId.get(id);
    }

    /** The devices that have listeners, in ascending source-id order. */
    public List<SourceId> devices() {
        return views.keySet().toList();
    }

    /** The view of a device with listeners. */
    public Option<AddressSpaceView> view(SourceId device) {
        return views.get(device);
    }

    /** The listeners of {@code device}, in ascending id order. */
    public List<Listener> on(SourceId device) {
        return byId.values().filter(listener -> listener.source().equals(device)).toList();
    }

    /** With {@code listener} added or replaced; its device gets {@code view} if it had no listeners yet. */
    public Listeners with(Listener listener, AddressSpaceView view) {
        return new Listeners(byId.put(listener.id(), listener),
                views.containsKey(listener.source()) ? views : views.put(listener.source(), view));
    }

    /** With these listeners replaced (same ids). */
    public Listeners withAll(List<Listener> updated) {
        return new Listeners(updated.foldLeft(byId, (map, listener) -> map.put(listener.id(), listener)), views);
    }

    /** With the view of a device that has listeners set. */
    public Listeners withView(SourceId device, AddressSpaceView view) {
        return new Listeners(byId, views.put(device, view));
    }

    /** Without listener {@code id}; a device left without listeners is forgotten. */
    public Listeners without(ListenerId id) {
        return byId.get(id).map(removed -> {
            TreeMap<ListenerId, Listener> rest = byId.remove(id);
            boolean deviceKept = rest.values().exists(other -> other.source().equals(removed.source()));
            return new Listeners(rest, deviceKept ? views : views.remove(removed.source()));
        }).getOrElse(this);
    }
}
