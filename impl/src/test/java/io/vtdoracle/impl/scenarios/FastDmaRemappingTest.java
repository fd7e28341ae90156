package io.vtdoracle.impl.scenarios;

import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.impl.FastRemappingUnit;
import io.vtdoracle.scenarios.DmaRemappingScenarios;

/** The model team's shared DmaRemapping scenarios, run against {@link FastRemappingUnit}. */
class FastDmaRemappingTest extends DmaRemappingScenarios {

    @Override
    protected RemappingUnit.Factory factory() {
        return FastRemappingUnit.FACTORY;
    }
}
