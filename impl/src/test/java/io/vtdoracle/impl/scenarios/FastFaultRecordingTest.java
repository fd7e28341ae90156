package io.vtdoracle.impl.scenarios;

import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.impl.FastRemappingUnit;
import io.vtdoracle.scenarios.FaultRecordingScenarios;

/** The model team's shared FaultRecording scenarios, run against {@link FastRemappingUnit}. */
class FastFaultRecordingTest extends FaultRecordingScenarios {

    @Override
    protected RemappingUnit.Factory factory() {
        return FastRemappingUnit.FACTORY;
    }
}
