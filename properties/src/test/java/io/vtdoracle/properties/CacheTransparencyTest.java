package io.vtdoracle.properties;

import io.vtdoracle.properties.junit.PropertyTest;
import io.vtdoracle.impl.FastRemappingUnit;
import io.vtdoracle.oracle.ModelUnit;

/** (5) Once the matching invalidation is done, a cached translation equals a fresh walk. */
class CacheTransparencyTest {

    @PropertyTest
    void implementation() {
        Suite suite = Suites.cacheTransparency();
        suite.check(suite.property("", true), FastRemappingUnit::new);
    }

    @PropertyTest
    void modelRunAlone() {
        Suite suite = Suites.cacheTransparency();
        suite.check(suite.property(" (model)", false).tries(100), ModelUnit::new);
    }
}
