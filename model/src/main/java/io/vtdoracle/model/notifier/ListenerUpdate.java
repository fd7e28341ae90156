package io.vtdoracle.model.notifier;

import io.vavr.collection.List;
import io.vtdoracle.api.Event;

/** A listener after a step, with the notifications it was delivered in that step, in order (contract §7.4). */
public record ListenerUpdate(Listener listener, List<Event> events) {
}
