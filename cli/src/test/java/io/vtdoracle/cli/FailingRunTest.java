package io.vtdoracle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A campaign against a faulty unit (it answers "done" to everything), through {@link Main}: what a failing run
 * prints and reports, and what becomes of its replay file when it is whole, cut short, changed, or cannot be written.
 */
class FailingRunTest {

    @TempDir
    static Path dir;

    private static CliRun failing;
    private static Path replayFile;

    @BeforeAll
    static void runTheFaultyUnit() {
        failing = CliRun.with(CliRun.CARELESS, "check", "--suite", "refinement", "--tries", "20", "--seed", "7",
                "--failure-dir", dir.resolve("failures").toString(), "--report", dir.resolve("r.json").toString());
        replayFile = dir.resolve("failures").resolve("refinement.txt");
    }

    @Test
    void theFailureIsPrintedWithHowToRerunItWithThisTool() {
        assertThat(failing.exit()).isEqualTo(Main.FAILED);
        assertThat(failing.out()).contains("Property 'refinement' falsified", "Minimal counterexample:",
                "Replay: ./vtd-oracle replay " + replayFile.toAbsolutePath(),
                "Seed: 7 (the campaign's; its batch that failed has seed ",
                "(rerun the search: ./vtd-oracle check --seed 7 --tries 20 --suite refinement)")
                .doesNotContain("-Dvtd.");
        assertThat(failing.err()).doesNotContain("internal error");
    }

    @Test
    void theJsonReportHoldsTheFailureAsData() throws Exception {
        JsonNode report = new ObjectMapper().readTree(dir.resolve("r.json").toFile());
        JsonNode property = report.get("properties").get(0);
        assertThat(property.get("status").asText()).isEqualTo("FAILED");
        assertThat(property.get("cases").asLong()).as("cases tried, the failing one included").isPositive();
        JsonNode failure = property.get("failures").get(0);
        assertThat(failure.get("property").asText()).isEqualTo("refinement");
        assertThat(failure.get("step").asInt()).isPositive();
        assertThat(failure.get("operation").asText()).isNotBlank();
        assertThat(failure.get("seen").asText()).isEqualTo("done");
        assertThat(failure.get("allowed").asText()).isNotBlank().isNotEqualTo("done");
        assertThat(failure.get("section").asText()).as("the sections of the rules that allow those outcomes")
                .contains("§");
        assertThat(failure.get("script").get(failure.get("step").asInt() - 1).asText()).contains("<--");
        assertThat(failure.get("replayCommand").asText()).isEqualTo("./vtd-oracle replay "
                + replayFile.toAbsolutePath());
        assertThat(failure.get("searchCommand").asText()).contains("--seed 7");
    }

    @Test
    void theReplayFileStillFailsAgainstTheFaultyUnitAndPassesAgainstTheFixedOne() {
        CliRun faulty = CliRun.with(CliRun.CARELESS, "replay", replayFile.toString());
        assertThat(faulty.exit()).isEqualTo(Main.FAILED);
        assertThat(faulty.out()).contains("replayed exactly from", "Minimal counterexample:")
                .doesNotContain("-Dvtd.");
        CliRun fixed = CliRun.of("replay", replayFile.toString());
        assertThat(fixed.exit()).isEqualTo(Main.PASSED);
        assertThat(fixed.out()).contains("the case passes now");
    }

    @Test
    void aReplayFileCutToTwoThirdsIsRefused() throws Exception {
        Path cut = dir.resolve("cut.txt");
        byte[] bytes = Files.readAllBytes(replayFile);
        Files.write(cut, Arrays.copyOf(bytes, bytes.length * 2 / 3));
        CliRun run = CliRun.with(CliRun.CARELESS, "replay", cut.toString());
        assertThat(run.exit()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("error: replay file " + cut).contains("truncated");
    }

    @Test
    void aReplayFileWithItsChoicesCutIsRefused() throws Exception {
        Path cut = dir.resolve("choices-cut.txt");
        String text = Files.readString(replayFile);
        int choices = text.indexOf("choices=");
        int end = text.indexOf('\n', choices);
        Files.writeString(cut, text.substring(0, choices + (end - choices) / 2) + text.substring(end));
        CliRun run = CliRun.with(CliRun.CARELESS, "replay", cut.toString());
        assertThat(run.exit()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("field choices").contains("truncated or damaged");
    }

    @Test
    void anOutOfRangeNumberNamesItsLineAndField() throws Exception {
        Path bad = dir.resolve("bad-seed.txt");
        Files.writeString(bad, Files.readString(replayFile).replaceFirst("seed=-?\\d+", "seed=1e99"));
        CliRun run = CliRun.of("replay", bad.toString());
        assertThat(run.exit()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("line 5, field seed: '1e99' is not a 64-bit integer");
    }

    @Test
    void anUnwritableFailureDirKeepsTheCounterexampleAndTheExitCode() throws Exception {
        Path regular = Files.writeString(dir.resolve("regular"), "");
        CliRun run = CliRun.with(CliRun.CARELESS, "check", "--suite", "refinement", "--tries", "20", "--seed", "7",
                "--failure-dir", regular.resolve("failures").toString());
        assertThat(run.exit()).isEqualTo(Main.FAILED);
        assertThat(run.out()).contains("Minimal counterexample:", "Replay file NOT saved");
        assertThat(run.err()).contains("warning: --failure-dir").contains("warning: the replay file of refinement"
                + " was not saved").doesNotContain("internal error");
    }
}
