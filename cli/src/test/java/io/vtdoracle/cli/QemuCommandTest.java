package io.vtdoracle.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vtd-oracle qemu} against a QEMU that dies in the middle of a case: the death is a divergence, shrunk, and
 * printed with QEMU's last stderr lines and the scenario that kills it. Needs qemu-system-x86_64 on PATH (skipped
 * otherwise) and bash.
 */
class QemuCommandTest {

    /**
     * The QEMU on PATH behind a filter of its qtest input that turns the guest's first command (a GCMD write, at
     * power-on before anything else can diverge) into an 8-byte write of FECTL, which fails an assertion in QEMU's vtd_mem_write (SIGABRT;
     * known divergence N4). The filter's stderr is not QEMU's: it must not hold the pipe open once QEMU died.
     */
    private static final String DYING_QEMU = """
            #!/bin/bash
            real=%s
            if [[ "$1" == --version ]]; then exec "$real" --version; fi
            exec "$real" "$@" < <(exec 2>/dev/null; while IFS= read -r line; do
              if [[ $line == "writel 0xfed90018 "* ]]; then line="writeq 0xfed90038 0x0"; fi
              printf '%%s\\n' "$line"
            done)
            """;

    @Test
    void aQemuDyingMidCaseIsReportedWithItsStderrAndTheShrunkScenario(@TempDir Path dir) throws IOException {
        Path real = onPath("qemu-system-x86_64");
        assumeTrue(real != null && onPath("bash") != null, "qemu-system-x86_64 or bash not on PATH");
        Path qemu = dir.resolve("dying-qemu");
        Files.writeString(qemu, String.format(DYING_QEMU, real));
        Files.setPosixFilePermissions(qemu, PosixFilePermissions.fromString("rwx------"));

        CliRun run = CliRun.of("qemu", "--binary", qemu.toString(), "--tries", "2", "--steps", "3", "--seed", "1",
                "--failure-dir", dir.resolve("failures").toString());

        assertThat(run.exit()).as(run.out()).isEqualTo(Main.PASSED); // N4 is known from 7.2 on
        assertThat(run.out()).contains("== known N4 (QEMU 7.2..)");
        Matcher death = Pattern.compile("QEMU_DIED at step (\\d+): (reg32\\[0x18\\] = 0x[0-9a-f]+)").matcher(run.out());
        assertThat(death.find()).as(run.out()).isTrue();
        assertThat(run.out()).contains("QEMU exited while running `writel 0xfed90018 0x", "killed by signal 6 (SIGABRT)")
                .containsPattern("\\| qemu-system-x86_64: .*vtd_mem_write: Assertion `size == 4' failed");
        // the shrunk scenario: its steps up to the one QEMU died at, which is its last
        assertThat(run.out()).containsPattern("(?m)^ +" + death.group(1) + " " + Pattern.quote(death.group(2))
                + "\\n  QEMU trace of the step:");
        assertThat(run.out()).containsPattern("QEMU died: [1-9]");
    }

    private static Path onPath(String name) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(directory.isEmpty() ? "." : directory, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
