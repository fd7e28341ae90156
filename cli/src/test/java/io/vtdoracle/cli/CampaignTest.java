package io.vtdoracle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.api.Result;
import io.vtdoracle.properties.Suites;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A campaign against a unit that answers every operation with "done": refinement fails at once. */
class CampaignTest {

    private static final RemappingUnit.Factory CARELESS = capabilities -> operation -> Outcome.of(Result.DONE);

    private final Progress quiet = Progress.forTerminal(new PrintWriter(new StringWriter()), "test", 1);

    @Test
    void failFastStopsAtTheFirstFailingProperty(@TempDir Path failures) {
        Campaign campaign = new Campaign(List.of(Suites.named("refinement").orElseThrow(),
                Suites.named("robustness").orElseThrow()), CARELESS, new ReplayUnit("careless", java.util.Optional.empty()), 1,
                failures, true,
                io.vtdoracle.oracle.Oracle.Judging.DEFAULT);

        CampaignResult result = campaign.runFor(Duration.ofSeconds(60), quiet);

        assertThat(result.passed()).isFalse();
        assertThat(result.properties().get(0).status()).isEqualTo("FAILED");
        assertThat(result.properties().get(1).cases()).isZero();
        assertThat(result.seconds()).isLessThan(60);
    }

    @Test
    void withoutFailFastTheOtherPropertiesStillRun(@TempDir Path failures) {
        Campaign campaign = new Campaign(List.of(Suites.named("refinement").orElseThrow(),
                Suites.named("robustness").orElseThrow()), CARELESS, new ReplayUnit("careless", java.util.Optional.empty()), 1,
                failures, false,
                io.vtdoracle.oracle.Oracle.Judging.DEFAULT);

        CampaignResult result = campaign.runTries(20, quiet);

        assertThat(result.properties().get(0).status()).isEqualTo("FAILED");
        assertThat(result.properties().get(1).cases()).isPositive();
    }

    @Test
    void aPropertyWhoseTurnNeverCameIsReportedNotRunRatherThanPassed(@TempDir Path failures) {
        Campaign campaign = new Campaign(List.of(Suites.named("refinement").orElseThrow(),
                Suites.named("robustness").orElseThrow(), Suites.named("replay").orElseThrow()),
                io.vtdoracle.impl.FastRemappingUnit::new, new ReplayUnit("impl", java.util.Optional.empty()), 1,
                failures, false, io.vtdoracle.oracle.Oracle.Judging.DEFAULT);

        CampaignResult result = campaign.runFor(Duration.ofMillis(1), quiet);

        assertThat(result.properties().get(0).cases()).isPositive();
        assertThat(result.properties().subList(1, 3)).allSatisfy(p -> assertThat(p.outcome()).isEqualTo("not run"));
        assertThat(result.verdict()).isEqualTo("PASS: 1 of 3 properties held; 2 not run (the budget ended first: give"
                + " more --time)");
    }
}
