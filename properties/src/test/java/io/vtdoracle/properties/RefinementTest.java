package io.vtdoracle.properties;

import io.vtdoracle.properties.junit.PropertyTest;
import io.vtdoracle.properties.junit.SuiteTests;
import io.vtdoracle.impl.FastRemappingUnit;
import io.vtdoracle.oracle.ModelUnit;

/** (1) Refinement: the implementation's outcomes are ones the model allows (and the model run alone passes). */
class RefinementTest {

    @PropertyTest
    void implementation() {
        SuiteTests.of(FastRemappingUnit::new).check(Suites.refinement());
    }

    @PropertyTest
    void modelRunAlone() {
        SuiteTests.of(ModelUnit::new).named(" (model)").withoutCaches().tries(500).check(Suites.refinement());
    }
}
