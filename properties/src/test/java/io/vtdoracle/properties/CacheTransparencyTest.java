package io.vtdoracle.properties;

import io.vtdoracle.properties.junit.PropertyTest;
import io.vtdoracle.properties.junit.SuiteTests;
import io.vtdoracle.impl.FastRemappingUnit;
import io.vtdoracle.oracle.ModelUnit;

/** (5) Once the matching invalidation is done, a cached translation equals a fresh walk. */
class CacheTransparencyTest {

    @PropertyTest
    void implementation() {
        SuiteTests.of(FastRemappingUnit::new).check(Suites.cacheTransparency());
    }

    @PropertyTest
    void modelRunAlone() {
        SuiteTests.of(ModelUnit::new).named(" (model)").withoutCaches().tries(100).check(Suites.cacheTransparency());
    }
}
