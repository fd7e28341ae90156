package io.vtdoracle.impl.scenarios;

import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.impl.FastRemappingUnit;
import io.vtdoracle.scenarios.ListenerBudgetScenarios;

/** The shared mapping-budget scenarios (contract §7.5), run against {@link FastRemappingUnit}. */
class FastListenerBudgetTest extends ListenerBudgetScenarios {

    @Override
    protected RemappingUnit.Factory factory() {
        return FastRemappingUnit.FACTORY;
    }
}
