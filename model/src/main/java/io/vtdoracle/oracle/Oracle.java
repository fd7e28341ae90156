package io.vtdoracle.oracle;

import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.ListenerFlag;
import io.vtdoracle.api.ListenerId;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Result;
import io.vtdoracle.model.Alternative;
import io.vtdoracle.model.Ambiguity;
import io.vtdoracle.model.Expectation;
import io.vtdoracle.model.ReferenceModel;
import io.vtdoracle.model.UnitState;

import java.util.Comparator;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Judges another unit's outcomes against the reference model, step by step. Because the architecture allows
 * several behaviours, more than one model state can be consistent with what the unit has shown so far (a fault
 * that was collapsed or dropped for overflow looks the same until FSTS is read); the oracle keeps all of them
 * and narrows the set as outcomes tell them apart. How strictly it judges is its {@link Judging}. Immutable.
 *
 * <p>States no later observation can tell apart are kept once: equal states, and a state whose caches hold a
 * subset of another's while everything else (registers, fault state, memory, listeners) is equal and the other
 * needs no reading of an open point this one does not. Dropping the subset is sound and loses nothing, because the
 * model is monotone in its caches: a cached entry only ever adds alternatives to a lookup (the fresh walk is always
 * one), a fill adds the same entries to both states, an invalidation removes from both the entries its
 * granularity covers, and nothing else reads the caches. So, by induction over the steps, for each alternative the
 * subset state allows there is one with the same outcome (and reading) from the superset state whose next state
 * again differs at most by holding more cache entries: every sequence of outcomes the subset state admits, the
 * superset state admits too, and the set of admitted sequences (all a verdict depends on) is unchanged. Two
 * states whose caches differ otherwise are both kept: their union would admit combinations of stale entries that
 * neither unit could show. Should more than {@link #MAX_CANDIDATES} states remain, the verdict starts with
 * {@link #GAVE_UP} and names the parts of the states that differ.
 *
 * @param candidates the model states consistent with every outcome observed, never empty
 * @param judging    which readings of the specification's open points are admitted, and how listener events are
 *                   compared
 * @param containers in VFIO-effect judging, the VFIO type1 container of each MAP+UNMAP listener as the unit's
 *                   own events have filled it
 * @param paths      for each candidate, the other readings of open points on its way from power-on (empty: the
 *                   model's own reading throughout)
 * @param readings   the readings the last step made necessary: those every candidate's path now needs that were not
 *                   needed before (empty when the model's own reading still explains everything)
 */
public record Oracle(List<UnitState> candidates, Judging judging, Map<ListenerId, Type1Container> containers,
                     List<List<Ambiguity.Reading>> paths, List<Ambiguity.Reading> readings) {

    /** More candidates than this means the unit's behaviour can no longer be followed: a verdict of its own. */
    public static final int MAX_CANDIDATES = 64;

    /** How the verdict starts when more than {@link #MAX_CANDIDATES} states are consistent with the outcomes. */
    public static final String GAVE_UP = "more than " + MAX_CANDIDATES + " model states are consistent";

    /**
     * How the oracle judges: whether the other readings of the specification's open points are admitted
     * ({@link Readings}), and whether listener events must have the contract's exact shape or only its effect on a
     * VFIO container ({@link Listeners}). {@link #DEFAULT} is for external units, {@link #STRICT} for units built
     * to the contract (the project's own implementation).
     */
    public record Judging(Listeners listeners, Readings readings) {

        /** Every reading, listener events by their VFIO effect. */
        public static final Judging DEFAULT = new Judging(Listeners.VFIO_EFFECT, Readings.ALL);
        /** The model's own reading only, listener events exactly as the contract orders and cuts them. */
        public static final Judging STRICT = new Judging(Listeners.EXACT, Readings.PREFERRED);

        /** How a step's listener events are compared (docs/semantics.md §7.6). */
        public enum Listeners {
            /** The contract's events, in its order and pieces (§7.2, §7.4), like every other event. */
            EXACT,
            /**
             * The MAP and UNMAP events of listeners that have both flags (VFIO's), in any order and any aligned
             * pieces, as long as a type1 container fed with them never refuses one and ends as the contract's events
             * leave it (or, under ambiguity A5, without what lay under not-present entries the unit unmapped whole);
             * every other event exactly and in order.
             */
            VFIO_EFFECT
        }

        /** Which readings of the open points of the specification ({@link Ambiguity}) are admitted. */
        public enum Readings {
            /** Every defensible reading; a step only another reading admits is accepted and says so. */
            ALL,
            /** The model's preferred reading only. */
            PREFERRED
        }
    }

    public Oracle(List<UnitState> candidates) {
        this(candidates, Judging.DEFAULT, HashMap.empty(), candidates.map(state -> List.empty()), List.empty());
    }

    /** An oracle for a unit with these capabilities, right after power-on, judging by default. */
    public static Oracle powerOn(Capabilities capabilities) {
        return powerOn(capabilities, Judging.DEFAULT);
    }

    /** An oracle for a unit with these capabilities, right after power-on. */
    public static Oracle powerOn(Capabilities capabilities, Judging judging) {
        return new Oracle(List.of(ReferenceModel.powerOn(capabilities)), judging, HashMap.empty(),
                List.of(List.empty()), List.empty());
    }

    /** One of the states the unit may be in (the first, which a unit caching nothing would be in). */
    public UnitState state() {
        return candidates.head();
    }

    /** This oracle following the unit from {@code state} alone (after a verdict, to go on judging). */
    public Oracle restartAt(UnitState state) {
        return new Oracle(List.of(state), judging, containers, List.of(List.empty()), List.empty());
    }

    /** The expectation of the first candidate state, e.g. to see which outcomes were allowed. */
    public Expectation expect(Operation operation) {
        return ReferenceModel.step(state(), operation);
    }

    /** Every alternative this oracle's judging admits for {@code operation}, from every candidate state. */
    public List<Alternative> admitted(Operation operation) {
        return candidates.flatMap(state -> ReferenceModel.step(state, operation).alternatives()).filter(this::admits);
    }

    /** For a report: "accepted under ambiguity A1 (reading: permission first)" when the last step needed it. */
    public Option<String> acceptedUnder() {
        return readings.isEmpty() ? Option.none() : Option.some("accepted under " + readings.mkString(", "));
    }

    /**
     * The oracle after the unit answered {@code operation} with {@code actual}, or why the architecture does not
     * allow that outcome from any state the unit may be in.
     */
    public Either<String, Oracle> observe(Operation operation, Outcome actual) {
        if (judging.listeners() == Judging.Listeners.EXACT) {
            return judge(operation, exactly(alternative -> alternative.outcome().equals(actual)), actual::toString,
                    containers);
        }
        ListenerEffects effects = new ListenerEffects(containers);
        return effects.fill(actual).flatMap(filled -> judge(operation,
                alternative -> effects.matches(alternative, actual, filled), actual::toString, filled))
                .map(oracle -> oracle.registering(operation, actual.result()));
    }

    /**
     * The oracle after a unit that shows only part of its outcomes (an external emulator observed through its
     * registers and memory) answered {@code operation} with something {@code seen} accepts; {@code described}
     * says what was seen, for the report. Listener events are whatever {@code seen} makes of them.
     */
    public Either<String, Oracle> observe(Operation operation, Predicate<Outcome> seen, String described) {
        return judge(operation, exactly(alternative -> seen.test(alternative.outcome())), () -> described,
                containers);
    }

    /** A comparison that either matches in the model's reading or not at all. */
    private static Function<Alternative, Option<List<Ambiguity.Reading>>> exactly(Predicate<Alternative> shown) {
        return alternative -> shown.test(alternative) ? Option.some(List.empty()) : Option.none();
    }

    /**
     * The oracle after the unit's outcome, which {@code shown} compares with each alternative: none when it does not
     * match, otherwise the readings the comparison itself needed (A5, in VFIO-effect judging).
     */
    private Either<String, Oracle> judge(Operation operation,
                                         Function<Alternative, Option<List<Ambiguity.Reading>>> shown,
                                         Supplier<String> described, Map<ListenerId, Type1Container> filled) {
        List<Path> allowed = candidates.zip(paths).flatMap(candidate -> ReferenceModel.step(candidate._1, operation)
                .alternatives().flatMap(alternative -> shown.apply(alternative).map(compared -> new Path(alternative,
                        candidate._2.appendAll(alternative.readings()).appendAll(compared).distinct(),
                        alternative.readings().appendAll(compared)))));
        List<Path> admitted = allowed.filter(path -> judging.readings() == Judging.Readings.ALL
                || path.step().isEmpty());
        if (admitted.isEmpty()) {
            List<Alternative> judged = candidates.flatMap(state -> ReferenceModel.step(state, operation)
                    .alternatives()).filter(this::admits);
            String strictNote = allowed.isEmpty() ? "" : "; admitted only under "
                    + allowed.flatMap(Path::step).distinct().mkString(", ") + ", which strict judging excludes";
            return Either.left("outcome " + described.get() + " of " + operation + " is not allowed; allowed: "
                    + judged.map(Alternative::toString).distinct().mkString(" | ") + strictNote);
        }
        List<UnitState> reached = Expectation.withoutRepeats(admitted.map(path -> path.alternative().next()));
        // A state reached on several paths needs only what the least demanding one needs.
        List<List<Ambiguity.Reading>> reachedPaths = reached.map(state -> admitted
                .filter(path -> path.alternative().next().equals(state)).map(Path::readings)
                .minBy(Comparator.comparingInt(List::size)).get());
        List<Integer> kept = List.range(0, reached.size()).filter(i -> List.range(0, reached.size())
                .find(j -> j != i && reachedPaths.get(i).containsAll(reachedPaths.get(j))
                        && subsumes(reached.get(j), reached.get(i))).isEmpty());
        List<UnitState> next = kept.map(reached::get);
        List<List<Ambiguity.Reading>> nextPaths = kept.map(reachedPaths::get);
        if (next.size() > MAX_CANDIDATES) {
            return Either.left(GAVE_UP + " with the outcomes so far (" + ambiguity(next)
                    + "); the scenario is too ambiguous to judge after " + operation);
        }
        List<Ambiguity.Reading> newlyNeeded = needed(nextPaths).removeAll(needed(paths));
        return Either.right(new Oracle(next, judging, filled, nextPaths, newlyNeeded));
    }

    /** Whether {@code wider} admits every behaviour of {@code narrower}: equal but for more cache entries. */
    private static boolean subsumes(UnitState wider, UnitState narrower) {
        // Cheap parts first; memory is compared after them, and is usually shared.
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

    private boolean admits(Alternative alternative) {
        return judging.readings() == Judging.Readings.ALL || alternative.preferred();
    }

    /** The readings every path needs. */
    private static List<Ambiguity.Reading> needed(List<List<Ambiguity.Reading>> paths) {
        return paths.reduce((a, b) -> a.filter(b::contains));
    }

    /**
     * An alternative of one candidate that matches the unit's outcome, with the readings on the way to it and those
     * this step needed.
     */
    private record Path(Alternative alternative, List<Ambiguity.Reading> readings, List<Ambiguity.Reading> step) {
    }

    /** In VFIO-effect judging, a registered MAP+UNMAP listener gets an empty container, an unregistered one none. */
    private Oracle registering(Operation operation, Result result) {
        if (operation instanceof Operation.RegisterListener registration && result.equals(Result.LISTENER_REGISTERED)
                && registration.flags().contains(ListenerFlag.MAP) && registration.flags().contains(ListenerFlag.UNMAP)) {
            return new Oracle(candidates, judging, containers.put(registration.listener(),
                    Type1Container.empty(registration.source())), paths, readings);
        }
        if (operation instanceof Operation.UnregisterListener removal && result.equals(Result.DONE)) {
            return new Oracle(candidates, judging, containers.remove(removal.listener()), paths, readings);
        }
        return this;
    }
}
