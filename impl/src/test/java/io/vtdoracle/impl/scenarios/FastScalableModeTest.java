package io.vtdoracle.impl.scenarios;

import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.impl.FastRemappingUnit;
import io.vtdoracle.scenarios.ScalableModeScenarios;

/** The model team's shared ScalableMode scenarios, run against {@link FastRemappingUnit}. */
class FastScalableModeTest extends ScalableModeScenarios {

    @Override
    protected RemappingUnit.Factory factory() {
        return FastRemappingUnit.FACTORY;
    }
}
