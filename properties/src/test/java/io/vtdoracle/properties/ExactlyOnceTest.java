package io.vtdoracle.properties;

import io.vtdoracle.properties.junit.PropertyTest;
import io.vtdoracle.impl.FastRemappingUnit;
import io.vtdoracle.oracle.ModelUnit;

/** (2) Exactly-once: VFIO type1 containers never refuse; after each IOTLB invalidation they equal the tables. */
class ExactlyOnceTest {

    @PropertyTest
    void implementation() {
        Suite suite = Suites.exactlyOnce();
        suite.check(suite.property("", true), FastRemappingUnit::new);
    }

    @PropertyTest
    void modelRunAlone() {
        Suite suite = Suites.exactlyOnce();
        suite.check(suite.property(" (model)", false).tries(100), ModelUnit::new);
    }
}
