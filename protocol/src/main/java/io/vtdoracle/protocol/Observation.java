package io.vtdoracle.protocol;

import io.vtdoracle.api.Event;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Result;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What was seen of one step's outcome, possibly in part: the result (if observed) and the events of the observed
 * kinds, in order. An outcome agrees with the observation when its result equals the observed one (if any) and
 * its events of the observed kinds are exactly the observed events. A complete observation (result and every
 * kind) agrees with one outcome only.
 *
 * @param result   the result, or empty when it was not observed
 * @param observed the kinds of events observed (empty: no event was observed)
 * @param events   the observed events, each of an observed kind, in the order they happened
 */
public record Observation(Optional<Result> result, Set<EventKind> observed, List<Event> events)
        implements Predicate<Outcome> {

    public Observation {
        observed = observed.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(observed));
        events = List.copyOf(events);
        for (Event event : events) {
            if (!observed.contains(EventKind.of(event))) {
                throw new IllegalArgumentException("event " + event + " is of a kind not observed ("
                        + EventKind.of(event).jsonName() + ")");
            }
        }
    }

    /** Everything of {@code outcome}. */
    public static Observation complete(Outcome outcome) {
        return new Observation(Optional.of(outcome.result()), EnumSet.allOf(EventKind.class), outcome.events());
    }

    /** Whether the result and every kind of event were observed. */
    public boolean isComplete() {
        return result.isPresent() && observed.size() == EventKind.values().length;
    }

    /** The outcome this observation shows, when it is complete. */
    public Optional<Outcome> outcome() {
        return isComplete() ? Optional.of(new Outcome(result.get(), events)) : Optional.empty();
    }

    /** Whether {@code outcome} looks like this when observed the same way. */
    @Override
    public boolean test(Outcome outcome) {
        return (result.isEmpty() || result.get().equals(outcome.result())) && events.equals(seenEvents(outcome));
    }

    /** The events of {@code outcome} this observation would see. */
    public List<Event> seenEvents(Outcome outcome) {
        if (observed.size() == EventKind.values().length) {
            return outcome.events();
        }
        List<Event> seen = new ArrayList<>();
        for (Event event : outcome.events()) {
            if (observed.contains(EventKind.of(event))) {
                seen.add(event);
            }
        }
        return seen;
    }

    /** {@code outcome} as this observation would show it. */
    public Observation of(Outcome outcome) {
        return new Observation(result.map(r -> outcome.result()), observed, seenEvents(outcome));
    }

    @Override
    public String toString() {
        String shown = result.map(Result::toString).orElse("(result not observed)");
        if (observed.isEmpty()) {
            return shown + " (events not observed)";
        }
        String kinds = observed.size() == EventKind.values().length ? ""
                : " (only " + observed.stream().map(EventKind::jsonName).sorted().reduce((a, b) -> a + ", " + b)
                        .orElse("") + " observed)";
        return shown + " " + events + kinds;
    }
}
