package io.vtdoracle.properties;

import io.vtdoracle.properties.junit.SuiteTests;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * The six properties against the implementation driven through a VMM's entry points ({@link VmmEntryPointsUnit}:
 * DMA through the allocation-free {@code translate}, the rest through the event sink), at a smaller budget than the
 * suites' own: the entry points only wrap the code those suites already hold to the model.
 */
class VmmEntryPointsTest {

    /** Valid cases per suite. */
    private static final int TRIES = 200;

    @TestFactory
    @Tag("property")
    Stream<DynamicTest> suites() {
        return SuiteTests.of(VmmEntryPointsUnit::new).named(" (VMM entry points)").tries(TRIES).tests();
    }
}
