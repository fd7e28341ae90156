package io.vtdoracle.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recorded choices alone reproduce a value and a failure, with no randomness. */
class ReplayTest {

    static final Gen<List<Integer>> GEN = Gens.lists(Gens.ints(-50, 50), 1, 10);

    @Test
    void recordedChoicesGiveTheSameValue() {
        SplittableRandom random = new SplittableRandom(99);
        for (int n = 0; n < 100; n++) {
            TestCase generated = TestCase.generating(random.split(), 1000);
            List<Integer> value = generated.draw(GEN);
            ChoiceSequence choices = ChoiceSequence.parse(generated.choices().toString());
            TestCase replayed = TestCase.replaying(choices.toArray(), false, 1000, false);
            assertThat(replayed.draw(GEN)).isEqualTo(value);
            assertThat(replayed.choices()).isEqualTo(choices);
        }
    }

    @Test
    void knownChoicesDecodeToKnownValues() {
        // list of at least 1: element, continue, element, continue, element, stop;
        // ints zig-zag: 0, 1, -1, 2, -2, ...
        TestCase tc = TestCase.replaying(ChoiceSequence.parse("3 1 1 1 4 0").toArray(), false, 100,
                false);
        assertThat(tc.draw(GEN)).containsExactly(2, 1, -2);
    }

    @Test
    void runningPastTheChoicesIsAnOverrunNotAFailure() {
        TestBody body = tc -> {
            tc.draw(Gens.ints(0, 10));
            throw new IllegalStateException("never reached");
        };
        Execution e = Execution.run(body, TestCase.replaying(new long[0], false, 100, false));
        assertThat(e.status()).isEqualTo(Status.OVERRUN);
        Execution overBudget = Execution.run(tc -> tc.draw(Gens.lists(Gens.ints(), 50, 50)),
                TestCase.replaying(new long[0], true, 10, false));
        assertThat(overBudget.status()).isEqualTo(Status.OVERRUN);
    }

    @Test
    void aReplayFileReproducesTheSameFailure(@TempDir Path dir) throws Exception {
        Property property = Property.named("no sevens").seed(3).tries(1000).failureDir(dir)
                .ignoreSystemProperties();
        AssertionError found = catchThrowableOfType(AssertionError.class,
                () -> property.forAll(GEN).check(xs -> !xs.contains(7)));
        assertThat(found.getMessage()).contains("Minimal counterexample:\n  [7]\n");
        Path file = dir.resolve("no_sevens.txt");
        assertThat(Files.readString(file)).contains("property=no sevens", "seed=3", "choices=");

        AssertionError replayed = catchThrowableOfType(AssertionError.class,
                () -> Property.named("no sevens").seed(12345).ignoreSystemProperties()
                        .replaying(file).forAll(GEN).check(xs -> !xs.contains(7)));
        assertThat(replayed.getMessage()).contains("Minimal counterexample:\n  [7]\n",
                "replayed exactly from " + file);
    }

    @Test
    void theReplaySystemPropertyReplaysOnlyTheNamedProperty(@TempDir Path dir) {
        Path file = new ReplayFile("p", 1, "k", ChoiceSequence.of(13, 0)).write(dir);
        String old = System.getProperty("vtd.replay");
        System.setProperty("vtd.replay", file.toString());
        try {
            assertThatThrownBy(() -> Property.named("p").forAll(GEN).check(xs -> !xs.contains(7)))
                    .hasMessageContaining("[7]").hasMessageContaining("replayed exactly");
            Report other = Property.named("q").tries(10).forAll(GEN).check(xs -> true);
            assertThat(other.validCases()).isEqualTo(10);
        } finally {
            if (old == null) {
                System.clearProperty("vtd.replay");
            } else {
                System.setProperty("vtd.replay", old);
            }
        }
    }
}
