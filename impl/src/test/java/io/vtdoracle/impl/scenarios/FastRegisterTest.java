package io.vtdoracle.impl.scenarios;

import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.impl.FastRemappingUnit;
import io.vtdoracle.scenarios.RegisterScenarios;

/** The model team's shared Register scenarios, run against {@link FastRemappingUnit}. */
class FastRegisterTest extends RegisterScenarios {

    @Override
    protected RemappingUnit.Factory factory() {
        return FastRemappingUnit.FACTORY;
    }
}
