package io.vtdoracle.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same seed gives the same cases and the same shrunk result. */
class DeterminismTest {

    static final Gen<List<Long>> GEN = Gens.lists(Gens.longs(-1000, 1_000_000, 4096), 0, 20);

    static List<List<Long>> casesOf(long seed) {
        List<List<Long>> seen = new ArrayList<>();
        Property.named("record").seed(seed).tries(200).ignoreSystemProperties()
                .forAll(GEN).check(seen::add);
        return seen;
    }

    static String shrunkMessage(long seed, Path dir) {
        AssertionError e = catchThrowableOfType(AssertionError.class, () ->
                Property.named("sum is small").seed(seed).tries(1000).failureDir(dir)
                        .ignoreSystemProperties()
                        .forAll(GEN).check(xs -> xs.stream().mapToLong(Long::longValue).sum() < 5000));
        assertThat(e).isNotNull();
        return e.getMessage().replaceAll("\\d+ calls, [0-9.]+ s", "N calls");
    }

    @Test
    void sameSeedSameCases() {
        assertThat(casesOf(42)).hasSize(200).isEqualTo(casesOf(42));
    }

    @Test
    void differentSeedDifferentCases() {
        assertThat(casesOf(42)).isNotEqualTo(casesOf(43));
    }

    @Test
    void sameSeedSameShrunkResult(@TempDir Path dir) {
        String first = shrunkMessage(7, dir);
        assertThat(shrunkMessage(7, dir)).isEqualTo(first);
        assertThat(first).contains("Minimal counterexample:\n  [5000]\n");
    }

    @Test
    void seedComesFromTheSystemPropertyUnlessIgnored() {
        String old = System.getProperty("vtd.seed");
        System.setProperty("vtd.seed", "1234");
        try {
            Report overridden = Property.named("p").seed(5).forAll(Gens.booleans()).check(b -> true);
            Report fixed = Property.named("p").seed(5).ignoreSystemProperties()
                    .forAll(Gens.booleans()).check(b -> true);
            assertThat(overridden.seed()).isEqualTo(1234);
            assertThat(fixed.seed()).isEqualTo(5);
        } finally {
            if (old == null) {
                System.clearProperty("vtd.seed");
            } else {
                System.setProperty("vtd.seed", old);
            }
        }
    }
}
