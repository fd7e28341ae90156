package io.vtdoracle.properties;

import io.vtdoracle.properties.junit.PropertyTest;
import io.vtdoracle.impl.FastRemappingUnit;
import io.vtdoracle.oracle.ModelUnit;

/** (1) Refinement: the implementation's outcomes are ones the model allows (and the model run alone passes). */
class RefinementTest {

    @PropertyTest
    void implementation() {
        Suite suite = Suites.refinement();
        suite.check(suite.property("", true), FastRemappingUnit::new);
    }

    @PropertyTest
    void modelRunAlone() {
        Suite suite = Suites.refinement();
        suite.check(suite.property(" (model)", false).tries(500), ModelUnit::new);
    }
}
