package io.vtdoracle.impl.scenarios;

import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.impl.FastRemappingUnit;
import io.vtdoracle.scenarios.QueuedInvalidationScenarios;

/** The model team's shared QueuedInvalidation scenarios, run against {@link FastRemappingUnit}. */
class FastQueuedInvalidationTest extends QueuedInvalidationScenarios {

    @Override
    protected RemappingUnit.Factory factory() {
        return FastRemappingUnit.FACTORY;
    }
}
