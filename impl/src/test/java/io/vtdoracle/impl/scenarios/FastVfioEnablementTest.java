package io.vtdoracle.impl.scenarios;

import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.impl.FastRemappingUnit;
import io.vtdoracle.scenarios.VfioEnablementScenarios;

/** The model team's shared VfioEnablement scenarios, run against {@link FastRemappingUnit}. */
class FastVfioEnablementTest extends VfioEnablementScenarios {

    @Override
    protected RemappingUnit.Factory factory() {
        return FastRemappingUnit.FACTORY;
    }
}
