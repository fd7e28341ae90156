package io.vtdoracle.oracle;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.model.Alternative;
import io.vtdoracle.model.Expectation;
import io.vtdoracle.model.ReferenceModel;
import io.vtdoracle.model.UnitState;

import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Judges another unit's outcomes against the reference model, step by step. Because the architecture allows
 * several behaviours, more than one model state can be consistent with what the unit has shown so far (a fault
 * that was collapsed or dropped for overflow looks the same until FSTS is read); the oracle keeps all of them
 * and narrows the set as outcomes tell them apart. Immutable.
 *
 * <p>States no later observation can tell apart are kept once: equal states, and a state whose caches hold a
 * subset of another's while everything else (registers, fault state, memory, listeners) is equal. Dropping the
 * subset is sound and loses nothing, because the model is monotone in its caches: a cached entry only ever adds
 * alternatives to a lookup (the fresh walk is always one), a fill adds the same entries to both states, an
 * invalidation removes from both the entries its granularity covers, and nothing else reads the caches. So, by
 * induction over the steps, for each alternative the subset state allows there is one with the same outcome from
 * the superset state whose next state again differs at most by holding more cache entries: every sequence of
 * outcomes the subset state admits, the superset state admits too, and the set of admitted sequences (all a
 * verdict depends on) is unchanged. (Two states whose caches differ otherwise are both kept: their union would
 * admit combinations of stale entries that neither unit could show.)
 *
 * @param candidates the model states consistent with every outcome observed, never empty; none subsumes another
 */
public record Oracle(List<UnitState> candidates) {

    /** More candidates than this means the unit's behaviour can no longer be followed: a verdict of its own. */
    public static final int MAX_CANDIDATES = 64;

    /** How the verdict starts when there are more than {@link #MAX_CANDIDATES} candidates. */
    public static final String GAVE_UP = "more than " + MAX_CANDIDATES + " model states are consistent";

    /** An oracle for a unit with these capabilities, right after power-on. */
    public static Oracle powerOn(Capabilities capabilities) {
        return new Oracle(List.of(ReferenceModel.powerOn(capabilities)));
    }

    /** One of the states the unit may be in (the first, which a unit caching nothing would be in). */
    public UnitState state() {
        return candidates.head();
    }

    /** The expectation of the first candidate state, e.g. to see which outcomes were allowed. */
    public Expectation expect(Operation operation) {
        return ReferenceModel.step(state(), operation);
    }

    /**
     * The oracle after the unit answered {@code operation} with {@code actual}, or why the architecture does not
     * allow that outcome from any state the unit may be in.
     */
    public Either<String, Oracle> observe(Operation operation, Outcome actual) {
        return observe(operation, actual::equals, actual::toString);
    }

    /**
     * The oracle after a unit that shows only part of its outcomes (an external emulator observed through its
     * registers and memory) answered {@code operation} with something {@code seen} accepts; {@code described}
     * says what was seen, for the report.
     */
    public Either<String, Oracle> observe(Operation operation, Predicate<Outcome> seen, String described) {
        return observe(operation, seen, () -> described);
    }

    private Either<String, Oracle> observe(Operation operation, Predicate<Outcome> seen, Supplier<String> described) {
        List<Expectation> expectations = candidates.map(state -> ReferenceModel.step(state, operation));
        List<UnitState> next = expectations.flatMap(expectation -> expectation.alternatives()
                .filter(alternative -> seen.test(alternative.outcome())).map(Alternative::next));
        next = withoutSubsumed(Expectation.withoutRepeats(next));
        if (next.isEmpty()) {
            return Either.left("outcome " + described.get() + " of " + operation + " is not allowed; allowed: "
                    + expectations.map(Expectation::allowedOutcomes).distinct().mkString(" | "));
        }
        if (next.size() > MAX_CANDIDATES) {
            return Either.left(GAVE_UP + " with the outcomes so far (" + ambiguity(next)
                    + "); the scenario is too ambiguous to judge after " + operation);
        }
        return Either.right(new Oracle(next));
    }

    /** The states, in order, without those whose caches another one's subsume while all else is equal. */
    static List<UnitState> withoutSubsumed(List<UnitState> states) {
        if (states.size() < 2) {
            return states;
        }
        return states.filter(state -> !states.exists(other -> other != state && subsumes(other, state)));
    }

    /** Whether {@code wider} admits every behaviour of {@code narrower}: equal but for more cache entries. */
    private static boolean subsumes(UnitState wider, UnitState narrower) {
        // Cheap parts first; memory is compared after them, and usually shared.
        return wider.registers().equals(narrower.registers()) && wider.faults().equals(narrower.faults())
                && wider.listeners().equals(narrower.listeners())
                && wider.capabilities().equals(narrower.capabilities())
                && wider.memory().equals(narrower.memory())
                && wider.caches().holdsAllOf(narrower.caches());
    }

    /** Which parts of the states differ, and in how many ways: what made the candidates grow. */
    private static String ambiguity(List<UnitState> states) {
        List<String> parts = List.of(
                part(states, "registers", UnitState::registers),
                part(states, "fault records and status", UnitState::faults),
                part(states, "caches", UnitState::caches),
                part(states, "listener views", UnitState::listeners),
                part(states, "guest memory", UnitState::memory));
        return states.size() + " states; they differ in " + parts.filter(part -> !part.isEmpty()).mkString(", ");
    }

    private static String part(List<UnitState> states, String name, Function<UnitState, Object> component) {
        int distinct = Expectation.withoutRepeats(states.map(component)).size();
        return distinct > 1 ? name + " (" + distinct + " distinct)" : "";
    }
}
