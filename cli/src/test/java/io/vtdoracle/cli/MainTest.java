package io.vtdoracle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line: argument errors (exit 2, a message, no stack trace), a short run, report files. */
class MainTest {

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void unknownSuiteIsABadArgument() {
        assertThat(run("check", "--suite", "nonsense", "--tries", "1")).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("unknown suite 'nonsense'").doesNotContain("Exception");
    }

    @Test
    void badDurationIsABadArgument() {
        assertThat(run("check", "--time", "soon")).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("--time").contains("not a duration");
    }

    @Test
    void timeAndTriesExcludeEachOther() {
        assertThat(run("check", "--time", "1s", "--tries", "3")).isEqualTo(Main.USAGE);
    }

    @Test
    void badReportExtensionIsABadArgument() {
        assertThat(run("check", "--tries", "1", "--report", "out.txt")).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains(".md or .json");
    }

    @Test
    void missingReplayFileIsABadArgument() {
        assertThat(run("replay", "/nonexistent/replay.txt")).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("does not exist");
    }

    @Test
    void noCommandIsABadArgument() {
        assertThat(run()).isEqualTo(Main.USAGE);
    }

    @Test
    void shortPassingRunWritesReports(@TempDir Path dir) throws Exception {
        Path md = dir.resolve("report.md");
        assertThat(run("check", "--suite", "robustness", "--tries", "5", "--seed", "1", "--report", md.toString(),
                "--failure-dir", dir.toString())).isEqualTo(Main.PASSED);
        assertThat(Files.readString(md)).contains("# vtd-oracle check: PASS").contains("| robustness | passed |");
        Path json = dir.resolve("report.json");
        assertThat(run("check", "--suite", "robustness", "--tries", "5", "--seed", "1", "--report", json.toString(),
                "--failure-dir", dir.toString())).isEqualTo(Main.PASSED);
        assertThat(Files.readString(json)).contains("\"passed\" : true").contains("\"robustness\"");
    }

    @Test
    void strictRefinementOfTheBuiltInImplementationPasses(@TempDir Path dir) {
        assertThat(run("check", "--strict", "--suite", "refinement", "--tries", "5", "--seed", "1",
                "--failure-dir", dir.toString())).isEqualTo(Main.PASSED);
        assertThat(run("check", "--strict=nonsense", "--tries", "1")).isEqualTo(Main.USAGE);
    }

    @Test
    void failingRunExitsOneAndItsReplayFileReplays(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("refinement.txt");
        Files.writeString(file, "property=refinement\nseed=1\nchoices=0\n");
        int code = run("replay", file.toString());
        assertThat(code).isIn(Main.PASSED, Main.FAILED);
    }
}
