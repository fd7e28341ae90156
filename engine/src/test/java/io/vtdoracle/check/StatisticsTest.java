package io.vtdoracle.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
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
    void aCountALittleBelowTheShareIsChanceNotAnUnmetRequirement() {
        Statistics s = new Statistics();
        for (int i = 0; i < 1000; i++) {
            s.record(i < 40 ? List.of("rare") : List.of());
        }
        // 4% seen where 5% is required: a 5% generator gives 40 or fewer in about 8% of runs
        assertThat(s.unmet(List.of(new Statistics.Coverage("rare", 0.05)), 100)).isEmpty();
        // 20 of 1000: a 5% generator gives so few in about 1 of 10^7 runs
        Statistics lost = new Statistics();
        for (int i = 0; i < 1000; i++) {
            lost.record(i < 20 ? List.of("rare") : List.of());
        }
        assertThat(lost.unmet(List.of(new Statistics.Coverage("rare", 0.05)), 100))
                .hasValueSatisfying(message -> assertThat(message).contains("label 'rare' in 20 of 1000 cases"));
    }

    @Test
    void aRareLabelMissingFromAShortRunIsChance() {
        Statistics s = new Statistics();
        for (int i = 0; i < 300; i++) {
            s.record(List.of());
        }
        // a 0.4% generator gives no case in 300 about 30% of the time; in 3,000 cases almost never
        assertThat(s.unmet(List.of(new Statistics.Coverage("rare", 0.004)), 100)).isEmpty();
        for (int i = 0; i < 2700; i++) {
            s.record(List.of());
        }
        assertThat(s.unmet(List.of(new Statistics.Coverage("rare", 0.004)), 100)).isPresent();
    }

    @Test
    void binomialLowerTailMatchesExactValues() {
        assertThat(Statistics.atMost(0, 10, 0.5)).isCloseTo(1 / 1024.0, within(1e-12));
        assertThat(Statistics.atMost(1, 10, 0.5)).isCloseTo(11 / 1024.0, within(1e-12));
        assertThat(Statistics.atMost(10, 10, 0.5)).isCloseTo(1.0, within(1e-9));
        assertThat(Statistics.atMost(0, 1300, 0.004)).isCloseTo(Math.pow(0.996, 1300), within(1e-12));
        assertThat(Statistics.atMost(5, 100_000, 0.5)).isEqualTo(0.0);
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
