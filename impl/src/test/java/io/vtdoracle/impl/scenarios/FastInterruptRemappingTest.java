package io.vtdoracle.impl.scenarios;

import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.impl.FastRemappingUnit;
import io.vtdoracle.scenarios.InterruptRemappingScenarios;

/** The model team's shared InterruptRemapping scenarios, run against {@link FastRemappingUnit}. */
class FastInterruptRemappingTest extends InterruptRemappingScenarios {

    @Override
    protected RemappingUnit.Factory factory() {
        return FastRemappingUnit.FACTORY;
    }
}
