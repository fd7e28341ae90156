package io.vtdoracle.scenarios;

import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.oracle.ModelUnit;

class VfioEnablementModelTest extends VfioEnablementScenarios {

    @Override
    protected RemappingUnit.Factory factory() {
        return ModelUnit::new;
    }
}
