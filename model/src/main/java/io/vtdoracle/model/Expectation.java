package io.vtdoracle.model;

import io.vavr.collection.List;
import io.vtdoracle.api.Outcome;

/**
 * What the model expects of one step: the outcomes the architecture allows, each with the state that follows it.
 * The first alternative is the canonical one (a fresh walk, nothing cached), so the model can run on its own.
 * Two alternatives may share an outcome and differ in their states (a fault collapsed, or dropped for overflow,
 * both without events): a judge of other units keeps every state the outcome admits ({@link #admitted}).
 */
public record Expectation(List<Alternative> alternatives) {

    public Expectation {
        if (alternatives.isEmpty()) {
            throw new IllegalArgumentException("an expectation allows at least one outcome");
        }
        alternatives = withoutRepeats(alternatives);
    }

    /**
     * The list without later repeats. Compared with equals, never hashed: a state's hash would walk all of guest
     * memory, while equal states share their memory and compare at once.
     */
    public static <T> List<T> withoutRepeats(List<T> values) {
        if (values.size() < 2) {
            return values;
        }
        List<T> kept = List.empty();
        for (T value : values) {
            if (!kept.contains(value)) {
                kept = kept.prepend(value);
            }
        }
        return kept.reverse();
    }

    public static Expectation only(Outcome outcome, UnitState next) {
        return new Expectation(List.of(new Alternative(outcome, next)));
    }

    /** The behaviour a unit without caches shows. */
    public Alternative canonical() {
        return alternatives.head();
    }

    /** Whether exactly one outcome is allowed. */
    public boolean isDeterministic() {
        return alternatives.size() == 1;
    }

    /** Every state the architecture allows after {@code actual}: empty when it does not allow the outcome. */
    public List<UnitState> admitted(Outcome actual) {
        return alternatives.filter(alternative -> alternative.outcome().equals(actual)).map(Alternative::next);
    }

    /** What the architecture allows instead, for a report. */
    public String allowedOutcomes() {
        return alternatives.map(alternative -> alternative.outcome().toString()).distinct().mkString(" | ");
    }
}
