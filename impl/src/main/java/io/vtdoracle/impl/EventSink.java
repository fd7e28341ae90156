package io.vtdoracle.impl;

import io.vtdoracle.api.Event;
import io.vtdoracle.api.Event.NotificationType;
import io.vtdoracle.api.ListenerId;
import io.vtdoracle.api.Permission;

/**
 * Receives the events of a step as they happen, in the order of the contract (docs/semantics.md §7.4).
 * {@link FastRemappingUnit#apply(io.vtdoracle.api.Operation, EventSink)} delivers listener notifications through
 * {@link #notified} without building an {@link Event.ListenerNotified} record for each, so a replay or a domain
 * switch of many pieces allocates nothing per event.
 */
public interface EventSink {

    /** Any event other than a listener notification (fault records, interrupts, status writes, switches...). */
    void event(Event event);

    /** A listener notification, with the fields of {@link Event.ListenerNotified}. */
    void notified(ListenerId listener, NotificationType type, long iova, long translatedAddress, long addressMask,
                  Permission permission);
}
