package io.vtdoracle.protocol;

import io.vtdoracle.model.Alternative;
import java.util.List;

/** The VT-d specification sections of the rule behind an allowed outcome, for a verdict to name. */
final class Sections {

    private Sections() {
    }

    static List<String> of(Alternative alternative) {
        return List.of();
    }
}
