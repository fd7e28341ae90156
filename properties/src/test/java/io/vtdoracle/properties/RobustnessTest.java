package io.vtdoracle.properties;

import io.vtdoracle.properties.junit.PropertyTest;
import io.vtdoracle.properties.junit.SuiteTests;
import io.vtdoracle.impl.FastRemappingUnit;
import io.vtdoracle.oracle.ModelUnit;

/** (6) Any sequence, garbage included, never throws, in the implementation or the model. */
class RobustnessTest {

    @PropertyTest
    void implementation() {
        SuiteTests.of(FastRemappingUnit::new).check(Suites.robustness());
    }

    @PropertyTest
    void modelRunAlone() {
        SuiteTests.of(ModelUnit::new).named(" (model)").withoutCaches().tries(100).check(Suites.robustness());
    }
}
