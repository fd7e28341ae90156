package io.vtdoracle.vectors;

import io.vtdoracle.api.Outcome;
import java.util.List;
import java.util.Optional;

/**
 * One outcome the architecture allows for a step.
 *
 * @param outcome   the result and events, exactly as the contract (docs/semantics.md) shapes them
 * @param sections  the specification sections of the rules that allow it
 * @param ambiguity the id of the open point ("A1") whose non-preferred reading alone allows it; empty when the
 *                  model's own reading does
 */
public record Allowed(Outcome outcome, List<String> sections, Optional<String> ambiguity) {

    public Allowed {
        sections = List.copyOf(sections);
    }
}
