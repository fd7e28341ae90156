package io.vtdoracle.model;

import io.vavr.collection.List;
import io.vtdoracle.api.Outcome;

/**
 * One behaviour the architecture allows for a step: what the unit answers, and the state it is in afterwards.
 *
 * @param sections the specification sections of the rule that decided this behaviour (e.g. "§7.1.3"), for a
 *                 verdict to name; empty until cited
 * @param readings where the specification does not decide ({@link Ambiguity}), the non-preferred readings this
 *                 behaviour follows (a walk may take two at once: A1 and A7); empty for the model's own reading
 */
public record Alternative(Outcome outcome, UnitState next, List<String> sections, List<Ambiguity.Reading> readings) {

    public Alternative(Outcome outcome, UnitState next) {
        this(outcome, next, List.empty(), List.empty());
    }

    /** This behaviour, decided also by the rule of these sections (appended to those it already names). */
    public Alternative citing(Iterable<String> more) {
        return new Alternative(outcome, next, sections.appendAll(more).distinct(), readings);
    }

    /** This behaviour as what {@code other} admits where the specification does not decide (with its readings). */
    public Alternative under(Ambiguity.Reading other) {
        return new Alternative(outcome, next, sections, readings.append(other).distinct());
    }

    /** Whether the model's preferred reading admits this behaviour (no open point had to be read otherwise). */
    public boolean preferred() {
        return readings.isEmpty();
    }

    /** The same outcome and state: equal as behaviours, whatever the citations. */
    public boolean sameBehaviour(Alternative other) {
        return outcome.equals(other.outcome) && next.equals(other.next);
    }

    @Override
    public String toString() {
        String why = sections.isEmpty() ? "" : " (" + sections.mkString(", ") + ")";
        return outcome + why + (readings.isEmpty() ? "" : " under " + readings.mkString(", "));
    }
}
