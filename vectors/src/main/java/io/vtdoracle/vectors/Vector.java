package io.vtdoracle.vectors;

import io.vtdoracle.api.Capabilities;
import java.util.ArrayList;
import java.util.List;

/**
 * A conformance vector: a scenario's steps with every outcome the architecture allows.
 *
 * @param id           stable id, "chapter/name"; never reused for another scenario
 * @param chapter      where it is grouped
 * @param title        what it checks
 * @param origin       "hand-written", "rfc-trace" or "generated"
 * @param capabilities the unit's capabilities (a unit that refuses them skips the vector as unsupported)
 * @param sections     the specification sections of the probes' allowed outcomes
 * @param divergences  known QEMU divergences the vector exercises
 * @param ambiguities  open points of the specification some allowed outcome depends on
 * @param steps        the steps, in order
 */
public record Vector(String id, Chapter chapter, String title, String origin, Capabilities capabilities,
                     List<String> sections, List<String> divergences, List<String> ambiguities, List<Step> steps) {

    public Vector {
        sections = List.copyOf(sections);
        divergences = List.copyOf(divergences);
        ambiguities = List.copyOf(ambiguities);
        steps = List.copyOf(steps);
    }

    /**
     * The vector's flags (as Wycheproof's): "qemu-divergence:D1" per divergence, "ambiguity:A1" per open point,
     * "nondeterministic" when a step allows several outcomes, "history-dependent" when a step's list depends on
     * what an earlier step showed.
     */
    public List<String> flags() {
        List<String> flags = new ArrayList<>();
        divergences.forEach(id -> flags.add("qemu-divergence:" + id));
        ambiguities.forEach(id -> flags.add("ambiguity:" + id));
        if (steps.stream().anyMatch(step -> step.allowed().size() > 1)) {
            flags.add("nondeterministic");
        }
        if (steps.stream().anyMatch(Step::historyDependent)) {
            flags.add("history-dependent");
        }
        return flags;
    }
}
