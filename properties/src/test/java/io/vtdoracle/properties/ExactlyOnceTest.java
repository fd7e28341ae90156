package io.vtdoracle.properties;

import io.vtdoracle.properties.junit.PropertyTest;
import io.vtdoracle.properties.junit.SuiteTests;
import io.vtdoracle.impl.FastRemappingUnit;
import io.vtdoracle.oracle.ModelUnit;

/** (2) Exactly-once: VFIO type1 containers never refuse; after each IOTLB invalidation they equal the tables. */
class ExactlyOnceTest {

    @PropertyTest
    void implementation() {
        SuiteTests.of(FastRemappingUnit::new).check(Suites.exactlyOnce());
    }

    @PropertyTest
    void modelRunAlone() {
        SuiteTests.of(ModelUnit::new).named(" (model)").withoutCaches().tries(100).check(Suites.exactlyOnce());
    }
}
