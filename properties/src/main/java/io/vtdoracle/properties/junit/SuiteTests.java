package io.vtdoracle.properties.junit;

import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.check.Property;
import io.vtdoracle.check.Report;
import io.vtdoracle.properties.Suite;
import io.vtdoracle.properties.Suites;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Every property suite as JUnit 5 tests against an implementation: another implementation's test class is
 *
 * <pre>
 * class MyUnitTest {
 *     &#64;TestFactory
 *     Stream&lt;DynamicTest&gt; suites() {
 *         return SuiteTests.against(MyUnit::new);
 *     }
 * }
 * </pre>
 *
 * <p>One dynamic test per suite, named after its property; a failure is a
 * {@link io.vtdoracle.check.PropertyFalsified} with the shrunk script, whose
 * {@link io.vtdoracle.check.Falsification#cause() cause} is a
 * {@link io.vtdoracle.properties.lockstep.LockstepFailure} (step, operation, seen, allowed). The {@code -Dvtd.*}
 * system properties apply ({@code -Dvtd.tries=N}, {@code -Dvtd.seed=S}, {@code -Dvtd.replay=FILE}). Immutable.
 */
public final class SuiteTests {

    private final RemappingUnit.Factory factory;
    private final String suffix;
    private final boolean caching;
    private final Integer tries;

    private SuiteTests(RemappingUnit.Factory factory, String suffix, boolean caching, Integer tries) {
        this.factory = factory;
        this.suffix = suffix;
        this.caching = caching;
        this.tries = tries;
    }

    /** Every suite against units of {@code factory}, with each suite's CI budget. */
    public static Stream<DynamicTest> against(RemappingUnit.Factory factory) {
        return of(factory).tests();
    }

    /** The suites against units of {@code factory}, adjusted by the methods below. */
    public static SuiteTests of(RemappingUnit.Factory factory) {
        return new SuiteTests(factory, "", true, null);
    }

    /** Appends {@code suffix} to each property's name (and replay file's), e.g. {@code " (model)"}. */
    public SuiteTests named(String suffix) {
        return new SuiteTests(factory, suffix, caching, tries);
    }

    /** For a unit without caches: stale translations are not required to show up (the model run alone). */
    public SuiteTests withoutCaches() {
        return new SuiteTests(factory, suffix, false, tries);
    }

    /** Runs {@code tries} valid cases per suite instead of the suite's own budget. */
    public SuiteTests tries(int tries) {
        return new SuiteTests(factory, suffix, caching, tries);
    }

    /** One dynamic test per suite of the campaign. */
    public Stream<DynamicTest> tests() {
        return tests(Suites.all());
    }

    /** One dynamic test per suite of {@code suites}. */
    public Stream<DynamicTest> tests(List<Suite> suites) {
        return suites.stream().map(suite -> DynamicTest.dynamicTest(suite.name() + suffix, () -> check(suite)));
    }

    /** Runs one suite; throws {@link io.vtdoracle.check.PropertyFalsified} if it fails. */
    public Report check(Suite suite) {
        Property property = suite.property(suffix, caching);
        return suite.check(tries == null ? property : property.tries(tries), factory);
    }
}
