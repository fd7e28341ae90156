package io.vtdoracle.model.notifier;

import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vtdoracle.api.Event;
import io.vtdoracle.api.Event.AddressSpaceView;
import io.vtdoracle.api.SourceId;

/** The listener events of one step in the order of contract §7.4. */
final class EventOrder {

    private EventOrder() {
    }

    /**
     * Switches to TRANSLATED (ascending source-id), then every listener's notifications grouped by listener in
     * ascending id, then switches to IDENTITY (ascending source-id): a device switching to TRANSLATED is switched
     * before its listeners are filled, one switching to IDENTITY after they are emptied.
     */
    static List<Event> of(List<Tuple2<SourceId, AddressSpaceView>> switches, List<ListenerUpdate> updates) {
        List<Tuple2<SourceId, AddressSpaceView>> bySource = switches.sortBy(Tuple2::_1);
        return switched(bySource, AddressSpaceView.TRANSLATED)
                .appendAll(updates.sortBy(update -> update.listener().id()).flatMap(ListenerUpdate::events))
                .appendAll(switched(bySource, AddressSpaceView.IDENTITY));
    }

    private static List<Event> switched(List<Tuple2<SourceId, AddressSpaceView>> switches, AddressSpaceView view) {
        return switches.filter(change -> change._2 == view)
                .map(change -> new Event.AddressSpaceSwitched(change._1, view));
    }
}
