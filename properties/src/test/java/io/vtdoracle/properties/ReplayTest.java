package io.vtdoracle.properties;

import io.vtdoracle.properties.junit.PropertyTest;
import io.vtdoracle.impl.FastRemappingUnit;
import io.vtdoracle.oracle.ModelUnit;

/** (3) Replay after a domain switch equals a full walk written in the property code; not-present contexts empty listeners. */
class ReplayTest {

    @PropertyTest
    void implementation() {
        Suite suite = Suites.replay();
        suite.check(suite.property("", true), FastRemappingUnit::new);
    }

    @PropertyTest
    void modelRunAlone() {
        Suite suite = Suites.replay();
        suite.check(suite.property(" (model)", false).tries(100), ModelUnit::new);
    }
}
