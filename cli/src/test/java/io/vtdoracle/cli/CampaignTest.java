package io.vtdoracle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.api.Result;
import io.vtdoracle.properties.Suites;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A campaign against a unit that answers every operation with "done": refinement fails at once. */
class CampaignTest {

    private static final RemappingUnit.Factory CARELESS = capabilities -> operation -> Outcome.of(Result.DONE);

    private final Progress quiet = Progress.forTerminal(new PrintStream(new ByteArrayOutputStream()), "test", 1);

    @Test
    void failFastStopsAtTheFirstFailingProperty(@TempDir Path failures) {
        Campaign campaign = new Campaign(List.of(Suites.named("refinement").orElseThrow(),
                Suites.named("robustness").orElseThrow()), CARELESS, new ReplayUnit("careless", java.util.Optional.empty()), 1,
                failures, true);

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
                failures, false);

        CampaignResult result = campaign.runTries(20, quiet);

        assertThat(result.properties().get(0).status()).isEqualTo("FAILED");
        assertThat(result.properties().get(1).cases()).isPositive();
    }
}
