package io.vtdoracle.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Label statistics and coverage requirements. */
class StatisticsTest {

    @Test
    void tableListsLabelsByCountWithShares() {
        Statistics s = new Statistics();
        for (int i = 0; i < 8; i++) {
            s.record(i < 2 ? List.of("fault=6", "write") : List.of("write"));
        }
        s.record(List.of("read"));
        s.record(List.of());
        assertThat(s.cases()).isEqualTo(10);
        assertThat(s.table()).isEqualTo(String.join(System.lineSeparator(),
                "label      count   share",
                "write          8   80.0%",
                "fault=6        2   20.0%",
                "read           1   10.0%", ""));
    }

    @Test
    void labelsOfARunAreCountedOncePerCase() {
        Report report = Property.named("labels").seed(1).tries(1000).ignoreSystemProperties()
                .forAll(Gens.ints(0, 99))
                .classify(x -> x < 10, "small")
                .label(x -> x % 2 == 0 ? "even" : "odd")
                .check(x -> true);
        Statistics s = report.statistics();
        assertThat(s.cases()).isEqualTo(1000);
        assertThat(s.count("even") + s.count("odd")).isEqualTo(1000);
        assertThat(s.counts().keySet()).containsExactly("even", "odd", "small");
        assertThat(s.share("small")).isBetween(0.1, 0.6); // small values are favoured
    }

    @Test
    void unmetCoverageFailsTheProperty() {
        assertThatThrownBy(() -> Property.named("rare").seed(1).tries(500).ignoreSystemProperties()
                .requireCoverage("big", 0.05)
                .forAll(Gens.ints(0, 1_000_000))
                .classify(x -> x == 999_999_937, "big")
                .check(x -> true))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Property 'rare' coverage requirement not met: label 'big'")
                .hasMessageContaining("of 500 cases")
                .hasMessageContaining("required at least 5.0%");
    }

    @Test
    void metCoveragePasses() {
        Report report = Property.named("common").seed(1).tries(500).ignoreSystemProperties()
                .requireCoverage("zero", 0.005)
                .forAll(Gens.ints(-1_000_000, 1_000_000))
                .classify(x -> x == 0, "zero")
                .check(x -> true);
        assertThat(report.statistics().share("zero")).isGreaterThanOrEqualTo(0.005);
    }

    @Test
    void coverageIsNotCheckedBeforeEnoughCases() {
        Report report = Property.named("few").seed(1).tries(20).ignoreSystemProperties()
                .requireCoverage("never", 0.5)
                .forAll(Gens.booleans()).check(b -> true);
        assertThat(report.validCases()).isEqualTo(20);
    }

    @Test
    void labelsFromStatefulStepsAreCounted() {
        Report report = Property.named("queue labels").seed(1).tries(200).steps(10)
                .ignoreSystemProperties()
                .check(new StatefulQueueTest.QueueMachine(false));
        assertThat(report.statistics().counts()).containsOnlyKeys("offer", "poll",
                "offer when full");
    }
}
