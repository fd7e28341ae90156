package io.vtdoracle.api;

import java.util.List;

/** What one operation produced: its result and the events of the step, in order. */
public record Outcome(Result result, List<Event> events) {

    public Outcome {
        events = List.copyOf(events);
    }

    /** An outcome with no events. */
    public static Outcome of(Result result) {
        return new Outcome(result, List.of());
    }

    @Override
    public String toString() {
        return events.isEmpty() ? result.toString() : result + " " + events;
    }
}
