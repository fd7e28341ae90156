package io.vtdoracle.impl.scenarios;

import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.impl.FastRemappingUnit;
import io.vtdoracle.scenarios.RegisterInvalidationScenarios;

/** The model team's shared RegisterInvalidation scenarios, run against {@link FastRemappingUnit}. */
class FastRegisterInvalidationTest extends RegisterInvalidationScenarios {

    @Override
    protected RemappingUnit.Factory factory() {
        return FastRemappingUnit.FACTORY;
    }
}
