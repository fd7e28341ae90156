package io.vtdoracle.vectors;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every scenario of the vector set, in the order of the set: hand-written ones per chapter (the RFC trace's among
 * the listeners), then the coverage-directed generated ones. Ids are unique; a scenario once published keeps its
 * id, and a removed id is never reused.
 */
public final class Catalogue {

    private Catalogue() {
    }

    public static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        all.addAll(RegisterVectors.scenarios());
        all.addAll(RootContextVectors.scenarios());
        all.addAll(PagingVectors.scenarios());
        all.addAll(FaultVectors.scenarios());
        all.addAll(InvalidationVectors.scenarios());
        all.addAll(InterruptRemappingVectors.scenarios());
        all.addAll(ListenerVectors.scenarios());
        all.addAll(GeneratedCases.scenarios());
        Set<String> ids = new HashSet<>();
        for (Scenario scenario : all) {
            if (!ids.add(scenario.id())) {
                throw new IllegalStateException("two scenarios are called " + scenario.id());
            }
        }
        return all;
    }
}
