package io.vtdoracle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ways in for other implementations, end to end: traces recorded by check and judged, a unit served over the
 * process protocol by another JVM holding every property, a served seeded fault caught, refused capabilities an
 * "unsupported" verdict, replay files that name their unit.
 */
class ProtocolCommandsTest {

    /** This JVM's java and class path: the served unit runs as a program of its own. */
    static final String SERVE = ProcessHandle.current().info().command().orElse("java") + " -cp "
            + System.getProperty("java.class.path") + " " + Main.class.getName() + " serve";

    private String out = "";
    private String err = "";

    private int run(String... args) {
        CliRun run = CliRun.of(args);
        out = run.out();
        err = run.err();
        return run.exit();
    }

    @Test
    void recordedCheckJudgesCleanAndACorruptedStepIsFound(@TempDir Path dir) throws Exception {
        Path trace = dir.resolve("run.jsonl");
        assertThat(run("check", "--suite", "refinement", "--tries", "10", "--seed", "3", "--record", trace.toString(),
                "--failure-dir", dir.toString())).isEqualTo(Main.PASSED);
        assertThat(run("judge", trace.toString(), "--report", dir.resolve("v.json").toString())).isEqualTo(0);
        assertThat(out).startsWith("allowed: all ");
        assertThat(Files.readString(dir.resolve("v.json"))).contains("\"verdict\" : \"allowed\"");

        List<String> lines = new ArrayList<>(Files.readAllLines(trace));
        int corrupted = -1;
        for (int i = lines.size() / 2; i < lines.size() && corrupted < 0; i++) {
            if (lines.get(i).contains("\"kind\":\"translated\"")) {
                lines.set(i, lines.get(i).replace("\"perm\":\"rw\"", "\"perm\":\"none\"")
                        .replace("\"perm\":\"r\"", "\"perm\":\"none\"").replace("\"perm\":\"w\"", "\"perm\":\"none\""));
                corrupted = i + 1;
            }
        }
        Path bad = dir.resolve("bad.jsonl");
        Files.write(bad, lines);
        assertThat(run("judge", bad.toString(), "--report", dir.resolve("bad.json").toString())).isEqualTo(1);
        assertThat(out).contains("(line " + corrupted + ")").contains("seen:").contains("allowed:");
        assertThat(Files.readString(dir.resolve("bad.json"))).contains("\"verdict\" : \"disallowed\"")
                .contains("\"line\" : " + corrupted);

        lines.set(corrupted - 1, "{\"step\":1,\"op\":{\"op\":\"dma\",\"sid\":\"00:02.0\"}}");
        Files.write(bad, lines);
        assertThat(run("judge", bad.toString())).isEqualTo(2);
        assertThat(out).contains("line " + corrupted).contains("'step'");
    }

    @Test
    void servedImplementationHoldsEveryPropertyOverTheProcessProtocol(@TempDir Path dir) {
        assertThat(run("check", "--tries", "10", "--seed", "5", "--unit-cmd", SERVE, "--unit-timeout", "60s", "--failure-dir",
                dir.toString())).as(out).isEqualTo(Main.PASSED);
        assertThat(out).contains("PASS: all 6 properties held");
    }

    @Test
    void servedSeededFaultIsFoundAndItsReplayFileNamesTheUnit(@TempDir Path dir) throws Exception {
        String faulty = SERVE + " --unit-class " + WrongTranslationFactory.class.getName();
        assertThat(run("check", "--suite", "refinement", "--tries", "200", "--seed", "1", "--unit-cmd", faulty,
                "--unit-timeout", "60s", "--failure-dir", dir.toString(), "--capabilities", "cachingMode=false")).isEqualTo(Main.FAILED);
        Path replay = dir.resolve("refinement.txt");
        assertThat(Files.readString(dir.resolve("refinement.txt.unit"))).contains("unit=cmd:" + faulty)
                .contains("\"cachingMode\":false");
        assertThat(run("replay", replay.toString())).as("replays against the faulty unit, not the built-in one")
                .isEqualTo(Main.FAILED);
        assertThat(run("replay", replay.toString(), "--unit", "impl")).isEqualTo(Main.PASSED);
    }

    @Test
    void refusedCapabilitiesAreUnsupportedNotFalsified(@TempDir Path dir) {
        assertThat(run("check", "--tries", "5", "--unit-class", Only48BitFactory.class.getName(), "--failure-dir",
                dir.toString())).isEqualTo(4);
        assertThat(out).contains("unsupported").contains("only 48 is emulated");
        assertThat(run("check", "--suite", "robustness", "--tries", "5", "--unit-class",
                Only48BitFactory.class.getName(), "--capabilities", "addressWidth=48", "--failure-dir",
                dir.toString())).isEqualTo(Main.PASSED);
    }

    @Test
    void badUnitOptionsAreBadArguments() {
        assertThat(run("check", "--tries", "1", "--unit", "qemu")).isEqualTo(Main.USAGE);
        assertThat(err).contains("impl and model");
        assertThat(run("check", "--tries", "1", "--unit-class", "no.such.Factory")).isEqualTo(Main.USAGE);
        assertThat(run("check", "--tries", "1", "--capabilities", "addressWidth=40")).isEqualTo(Main.USAGE);
        assertThat(err).contains("addressWidth must be 39 or 48");
        assertThat(run("judge", "/nonexistent/trace.jsonl")).isEqualTo(Main.USAGE);
    }

    @Test
    void pythonToyUnitIsJudgedThroughTheProcessProtocol() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(onPath("python3"), "python3 is not installed");
        Path examples = Path.of(System.getProperty("user.dir")).resolveSibling("examples").resolve("python");
        String toy = "python3 " + examples.resolve("toy_unit.py");
        Path session = examples.resolve("toy-session.jsonl");
        assertThat(run("judge", "--unit-cmd", toy, session.toString())).as(out).isEqualTo(0);
        assertThat(out).contains("allowed: all 13 steps");
        Path wide = Files.createTempFile("toy-48", ".jsonl");
        Files.writeString(wide, Files.readString(session).replace("\"addressWidth\": 39", "\"addressWidth\": 48")
                .replace("0xd2008c22260286", "0xd2008c222f0686"));
        assertThat(run("judge", "--unit-cmd", toy, wide.toString())).as(out).isEqualTo(4);
        assertThat(out).contains("unsupported").contains("39-bit units only");
        Files.delete(wide);
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
