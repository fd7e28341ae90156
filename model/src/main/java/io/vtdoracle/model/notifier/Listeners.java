package io.vtdoracle.model.notifier;

import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import io.vtdoracle.api.Event.AddressSpaceView;
import io.vtdoracle.api.ListenerId;
import io.vtdoracle.api.SourceId;

/**
 * The VMM's listeners and what each has been told (contract §7): the listeners by id, for every device that has
 * listeners the view its address space is in (contract §7.5), and the ids of each device's listeners (so a step
 * touching many devices costs each device its own listeners only).
 */
public record Listeners(TreeMap<ListenerId, Listener> byId, TreeMap<SourceId, AddressSpaceView> views,
                        TreeMap<SourceId, TreeSet<ListenerId>> idsBySource) {

    public static Listeners empty() {
        return new Listeners(TreeMap.empty(), TreeMap.empty(), TreeMap.empty());
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
        return idsBySource.get(device).map(ids -> ids.toList().map(byId::apply)).getOrElse(List.empty());
    }

    /** With {@code listener} added or replaced; its device gets {@code view} if it had no listeners yet. */
    public Listeners with(Listener listener, AddressSpaceView view) {
        SourceId device = listener.source();
        return new Listeners(byId.put(listener.id(), listener),
                views.containsKey(device) ? views : views.put(device, view),
                idsBySource.put(device, idsBySource.get(device).getOrElse(TreeSet.empty()).add(listener.id())));
    }

    /** With these listeners replaced (same ids). */
    public Listeners withAll(List<Listener> updated) {
        return new Listeners(updated.foldLeft(byId, (map, listener) -> map.put(listener.id(), listener)), views,
                idsBySource);
    }

    /** With the view of a device that has listeners set. */
    public Listeners withView(SourceId device, AddressSpaceView view) {
        return new Listeners(byId, views.put(device, view), idsBySource);
    }

    /** Without listener {@code id}; a device left without listeners is forgotten. */
    public Listeners without(ListenerId id) {
        return byId.get(id).map(removed -> {
            SourceId device = removed.source();
            TreeSet<ListenerId> rest = idsBySource.get(device).get().remove(id);
            return rest.isEmpty()
                    ? new Listeners(byId.remove(id), views.remove(device), idsBySource.remove(device))
                    : new Listeners(byId.remove(id), views, idsBySource.put(device, rest));
        }).getOrElse(this);
    }
}
