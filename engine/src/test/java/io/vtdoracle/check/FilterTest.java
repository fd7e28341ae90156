package io.vtdoracle.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Filters give up after a bounded number of draws and make the case invalid, not failed. */
class FilterTest {

    @Test
    void aFilterThatNeverPassesMarksTheCaseInvalid() {
        AtomicInteger predicateCalls = new AtomicInteger();
        Gen<Integer> never = Gens.ints(0, 100).filter(10, x -> {
            predicateCalls.incrementAndGet();
            return false;
        });
        Execution e = Execution.run(tc -> tc.draw(never),
                TestCase.generating(new SplittableRandom(1), 1000));
        assertThat(e.status()).isEqualTo(Status.INVALID);
        assertThat(e.failure()).isNull();
        assertThat(predicateCalls.get()).isEqualTo(10);
    }

    @Test
    void aPropertyWhoseCasesAreAllInvalidGivesUpInsteadOfPassingOrFailing() {
        AtomicInteger bodyRuns = new AtomicInteger();
        assertThatThrownBy(() -> Property.named("impossible").seed(1).tries(50)
                .ignoreSystemProperties()
                .forAll(Gens.ints(0, 100).filter(x -> x > 1000))
                .check(x -> bodyRuns.incrementAndGet() < 0))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Property 'impossible' gave up: only 0 valid cases of 50")
                .hasMessageNotContaining("falsified");
        assertThat(bodyRuns.get()).isZero();
    }

    @Test
    void aSelectiveFilterStillRunsAllTries() {
        Report report = Property.named("even").seed(1).tries(300).ignoreSystemProperties()
                .forAll(Gens.ints(0, 1000).filter(x -> x % 2 == 0)).check(x -> x % 2 == 0);
        assertThat(report.validCases()).isEqualTo(300);
    }

    @Test
    void assumeRejectsWithoutFailing() {
        Execution e = Execution.run(tc -> {
            tc.assume(false);
            throw new AssertionError("not reached");
        }, TestCase.generating(new SplittableRandom(1), 10));
        assertThat(e.status()).isEqualTo(Status.INVALID);
    }
}
