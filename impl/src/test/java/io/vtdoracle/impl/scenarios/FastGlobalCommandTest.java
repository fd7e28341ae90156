package io.vtdoracle.impl.scenarios;

import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.impl.FastRemappingUnit;
import io.vtdoracle.scenarios.GlobalCommandScenarios;

/** The model team's shared GlobalCommand scenarios, run against {@link FastRemappingUnit}. */
class FastGlobalCommandTest extends GlobalCommandScenarios {

    @Override
    protected RemappingUnit.Factory factory() {
        return FastRemappingUnit.FACTORY;
    }
}
