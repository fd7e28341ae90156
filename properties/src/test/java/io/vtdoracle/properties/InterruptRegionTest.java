package io.vtdoracle.properties;

import io.vtdoracle.properties.junit.PropertyTest;
import io.vtdoracle.impl.FastRemappingUnit;
import io.vtdoracle.oracle.ModelUnit;

/** (4) The interrupt window is never DMA nor listener events; split listeners; IRTE decoding. */
class InterruptRegionTest {

    @PropertyTest
    void implementation() {
        Suite suite = Suites.interruptRegion();
        suite.check(suite.property("", true), FastRemappingUnit::new);
    }

    @PropertyTest
    void modelRunAlone() {
        Suite suite = Suites.interruptRegion();
        suite.check(suite.property(" (model)", false).tries(100), ModelUnit::new);
    }
}
