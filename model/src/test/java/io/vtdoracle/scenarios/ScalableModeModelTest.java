package io.vtdoracle.scenarios;

import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.oracle.ModelUnit;

class ScalableModeModelTest extends ScalableModeScenarios {

    @Override
    protected RemappingUnit.Factory factory() {
        return ModelUnit::new;
    }
}
