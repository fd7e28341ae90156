package io.vtdoracle.properties;

import io.vtdoracle.properties.junit.PropertyTest;
import io.vtdoracle.properties.junit.SuiteTests;
import io.vtdoracle.impl.FastRemappingUnit;
import io.vtdoracle.oracle.ModelUnit;

/** (3) Replay after a domain switch equals a full walk written in the property code; not-present contexts empty listeners. */
class ReplayTest {

    @PropertyTest
    void implementation() {
        SuiteTests.of(FastRemappingUnit::new).check(Suites.replay());
    }

    @PropertyTest
    void modelRunAlone() {
        SuiteTests.of(ModelUnit::new).named(" (model)").withoutCaches().tries(100).check(Suites.replay());
    }
}
