package io.vtdoracle.model;

import io.vavr.collection.List;
import io.vtdoracle.api.Event;

import java.util.function.Function;

/** A state the unit moves to together with the events it produced on the way, in order. */
public record Transition(UnitState state, List<Event> events) {

    public static Transition of(UnitState state) {
        return new Transition(state, List.empty());
    }

    /** This transition followed by the one {@code next} makes from its state; events concatenate. */
    public Transition then(Function<UnitState, Transition> next) {
        Transition after = next.apply(state);
        return new Transition(after.state, events.appendAll(after.events));
    }

    /** This transition with more events at its end. */
    public Transition emit(Iterable<? extends Event> more) {
        return new Transition(state, events.appendAll(more));
    }
}
