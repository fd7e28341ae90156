package io.vtdoracle.properties;

import io.vtdoracle.properties.junit.PropertyTest;
import io.vtdoracle.impl.FastRemappingUnit;
import io.vtdoracle.oracle.ModelUnit;

/** (6) Any sequence, garbage included, never throws, in the implementation or the model. */
class RobustnessTest {

    @PropertyTest
    void implementation() {
        Suite suite = Suites.robustness();
        suite.check(suite.property("", true), FastRemappingUnit::new);
    }

    @PropertyTest
    void modelRunAlone() {
        Suite suite = Suites.robustness();
        suite.check(suite.property(" (model)", false).tries(100), ModelUnit::new);
    }
}
