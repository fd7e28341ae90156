package io.vtdoracle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vectors export} and {@code vectors run} against units in this JVM and behind the process protocol. */
class VectorsCommandTest {

    private static final String COMMITTED = Path.of("..", "docs", "vectors").toString();

    private String out = "";
    private String err = "";

    private int run(String... args) {
        CliRun run = CliRun.of(args);
        out = run.out();
        err = run.err();
        return run.exit();
    }

    @Test
    void theServedImplementationPassesEveryVectorOverTheProcessProtocol(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report.json");
        assertThat(run("vectors", "run", COMMITTED, "--unit-cmd", ProtocolCommandsTest.SERVE, "--report",
                report.toString())).as(out + err).isEqualTo(Main.PASSED);
        assertThat(out).containsPattern("total +\\d+ +0 +0");
        assertThat(Files.readString(report)).contains("\"failed\" : 0").contains("\"unit\" : \"cmd:");
    }

    @Test
    void aSeededFaultFailsTheVectorsThatTranslate4kPages() {
        assertThat(run("vectors", "run", COMMITTED, "--only", "paging/", "--unit-class",
                WrongTranslationFactory.class.getName())).isEqualTo(Main.FAILED);
        assertThat(out).contains("FAILED paging/leaf-4k-read").doesNotContain("FAILED paging/superpage-2m-write")
                .contains("not allowed");
    }

    @Test
    void refusedCapabilitiesAreCountedUnsupported() {
        assertThat(run("vectors", "run", COMMITTED, "--only", "paging/", "--unit-class",
                Only48BitFactory.class.getName())).isEqualTo(Main.PASSED);
        assertThat(out).contains("UNSUPPORTED paging/leaf-4k-read").doesNotContain("FAILED");
        assertThat(run("vectors", "run", COMMITTED, "--only", "listeners/rfc-", "--unit-class",
                Only48BitFactory.class.getName())).as("nothing ran").isEqualTo(4);
    }

    @Test
    void anExportedSetRunsAgainstTheModelStrictly(@TempDir Path dir) {
        assertThat(run("vectors", "export", dir.toString())).isEqualTo(Main.PASSED);
        assertThat(dir.resolve("index.json")).exists();
        assertThat(run("vectors", "run", dir.toString(), "--only", "faults/", "--unit", "model", "--strict"))
                .as(out).isEqualTo(Main.PASSED);
    }

    @Test
    void aMissingOrMalformedSetIsABadArgument(@TempDir Path dir) throws Exception {
        assertThat(run("vectors", "run", dir.resolve("none").toString())).isEqualTo(Main.USAGE);
        assertThat(err).contains("is not a directory");
        Files.writeString(dir.resolve("index.json"), "{\"format\":\"something-else\"}");
        assertThat(run("vectors", "run", dir.toString())).isEqualTo(Main.USAGE);
        assertThat(err).contains("malformed vector set").contains("format");
    }
}
