package io.vtdoracle.protocol;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Event;
import io.vtdoracle.api.Operation;
import io.vtdoracle.model.Alternative;
import io.vtdoracle.model.ReferenceModel;
import io.vtdoracle.oracle.Oracle;
import java.util.ArrayList;
import java.util.Optional;

/**
 * Judges one unit's steps with the {@link Oracle}, from power-on: each observation is allowed (the oracle narrows
 * its states) or gives a {@link Verdict}. Holds only the oracle's states, so a trace of any length is judged in
 * the memory of the model's states.
 */
public final class StepJudge {

    private Oracle oracle;

    public StepJudge(Capabilities capabilities) {
        this.oracle = Oracle.powerOn(capabilities);
    }

    /** Empty when {@code seen} is allowed for {@code operation}; the verdict otherwise. */
    public Optional<Verdict> observe(long step, long line, Operation operation, Observation seen) {
        Either<String, Oracle> judged = oracle.observe(operation, seen, seen.toString());
        if (judged.isRight()) {
            oracle = judged.get();
            return Optional.empty();
        }
        List<Alternative> alternatives = oracle.candidates()
                .flatMap(state -> ReferenceModel.step(state, operation).alternatives());
        if (alternatives.exists(alternative -> seen.test(alternative.outcome()))) {
            return Optional.of(new Verdict.Ambiguous(step, line, operation, judged.getLeft()));
        }
        Alternative closest = alternatives.find(alternative -> seen.result().isPresent()
                && seen.result().get().equals(alternative.outcome().result())).getOrElse(alternatives.head());
        Observation nearest = seen.of(closest.outcome());
        return Optional.of(new Verdict.Disallowed(step, line, operation, seen,
                alternatives.map(alternative -> seen.of(alternative.outcome())).distinct().toJavaList(), nearest,
                without(nearest.events(), seen.events()), without(seen.events(), nearest.events()),
                Sections.of(closest)));
    }

    /** The events of {@code from} that {@code remove} does not have (as a multiset), in order. */
    private static java.util.List<Event> without(java.util.List<Event> from, java.util.List<Event> remove) {
        java.util.List<Event> left = new ArrayList<>(remove);
        java.util.List<Event> kept = new ArrayList<>();
        for (Event event : from) {
            if (!left.remove(event)) {
                kept.add(event);
            }
        }
        return kept;
    }
}
