package io.vtdoracle.impl;

import io.vtdoracle.api.Event;
import io.vtdoracle.api.ListenerId;
import io.vtdoracle.api.Permission;
import java.util.ArrayList;
import java.util.List;

/** An {@link EventSink} that keeps a step's events in order, a listener notification as its record. */
public final class EventCollector implements EventSink {

    private final List<Event> events = new ArrayList<>();

    @Override
    public void event(Event event) {
        events.add(event);
    }

    @Override
    public void notified(ListenerId listener, Event.NotificationType type, long iova, long translatedAddress,
                         long addressMask, Permission permission) {
        events.add(new Event.ListenerNotified(listener, type, iova, translatedAddress, addressMask, permission));
    }

    /** The events kept since the last {@link #clear()}, in order. */
    public List<Event> events() {
        return List.copyOf(events);
    }

    /** Forgets the events kept. */
    public void clear() {
        events.clear();
    }
}
