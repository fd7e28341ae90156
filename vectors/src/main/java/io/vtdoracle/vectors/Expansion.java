package io.vtdoracle.vectors;

import io.vtdoracle.api.Outcome;
import io.vtdoracle.model.Alternative;
import io.vtdoracle.model.Expectation;
import io.vtdoracle.model.ReferenceModel;
import io.vtdoracle.model.UnitState;
import io.vtdoracle.oracle.Oracle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Expands a scenario through the reference model into a vector. The model is nondeterministic (caches, fault
 * collapsing, open points of the specification), so the allowed outcomes of a step may depend on which allowed
 * outcome an earlier step showed. The expansion follows every history at once: the states after step n are those
 * of every allowed alternative of every state after step n-1, and a step's list is the union of their outcomes. A
 * step whose states disagree on the outcomes they allow is marked history-dependent. An outcome that only
 * histories through a non-preferred reading of an open point allow is marked with that ambiguity.
 */
public final class Expansion {

    private Expansion() {
    }

    /** A state the unit may be in, with the ambiguities read otherwise on the cheapest way to it. */
    private record Candidate(UnitState state, Set<String> readings) {
    }

    public static Vector of(Scenario scenario) {
        List<Candidate> candidates = List.of(new Candidate(ReferenceModel.powerOn(scenario.capabilities()), Set.of()));
        List<Step> steps = new ArrayList<>();
        Set<String> sections = new LinkedHashSet<>();
        Set<String> ambiguities = new TreeSet<>();
        for (Script.Entry entry : scenario.operations()) {
            Map<Outcome, Merged> union = new LinkedHashMap<>();
            Set<Set<Outcome>> outcomeSets = new LinkedHashSet<>();
            List<Candidate> next = new ArrayList<>();
            for (Candidate candidate : candidates) {
                Expectation expectation = ReferenceModel.step(candidate.state(), entry.operation());
                Set<Outcome> outcomes = new LinkedHashSet<>();
                for (Alternative alternative : expectation.alternatives()) {
                    Set<String> needed = new TreeSet<>(candidate.readings());
                    alternative.readings().forEach(reading -> needed.add(reading.ambiguity().name()));
                    ambiguities.addAll(needed);
                    union.computeIfAbsent(alternative.outcome(), outcome -> new Merged()).add(alternative, needed);
                    outcomes.add(alternative.outcome());
                    next.add(new Candidate(alternative.next(), needed));
                }
                outcomeSets.add(outcomes);
            }
            List<Allowed> allowed = new ArrayList<>();
            union.forEach((outcome, merged) -> allowed.add(merged.allowed(outcome)));
            steps.add(new Step(entry.operation(), entry.probe(), allowed, outcomeSets.size() > 1));
            if (entry.probe()) {
                allowed.forEach(a -> sections.addAll(a.sections()));
            }
            candidates = cheapest(next);
            if (candidates.size() > Oracle.MAX_CANDIDATES) {
                throw new IllegalStateException(scenario.id() + ": more than " + Oracle.MAX_CANDIDATES
                        + " model states after step " + steps.size() + " (" + entry.operation()
                        + "); shorten the scenario");
            }
        }
        return new Vector(scenario.id(), scenario.chapter(), scenario.title(), scenario.origin(),
                scenario.capabilities(), List.copyOf(sections), scenario.divergences(), List.copyOf(ambiguities),
                steps);
    }

    /** Each state once (compared with equals: a state's hash walks guest memory), on its cheapest way. */
    private static List<Candidate> cheapest(List<Candidate> candidates) {
        List<Candidate> kept = new ArrayList<>();
        for (Candidate candidate : candidates) {
            int index = -1;
            for (int i = 0; i < kept.size() && index < 0; i++) {
                if (kept.get(i).state().equals(candidate.state())) {
                    index = i;
                }
            }
            if (index < 0) {
                kept.add(candidate);
            } else if (candidate.readings().size() < kept.get(index).readings().size()) {
                kept.set(index, candidate);
            }
        }
        return kept;
    }

    /** The ways to one outcome: their sections, and the readings the cheapest way needs. */
    private static final class Merged {
        private final Set<String> sections = new LinkedHashSet<>();
        private final List<Set<String>> readings = new ArrayList<>();

        void add(Alternative alternative, Set<String> needed) {
            sections.addAll(alternative.sections().toJavaList());
            readings.add(needed);
        }

        Allowed allowed(Outcome outcome) {
            Set<String> cheapest = readings.stream().min(Comparator.comparingInt(Set::size)).orElseThrow();
            Optional<String> ambiguity = cheapest.isEmpty() ? Optional.empty() : Optional.of(String.join(",", cheapest));
            return new Allowed(outcome, List.copyOf(sections), ambiguity);
        }
    }
}
