package io.vtdoracle.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code vtd-oracle qemu --export-repro DIR [--known]}: arguments that make no sense are refused with exit code 2
 * and a message naming them, before any QEMU is started. Needs no QEMU.
 */
class QemuExportArgumentsTest {

    @Test
    void knownNeedsAnExportDirectory() {
        CliRun run = CliRun.of("qemu", "--known");
        assertThat(run.exit()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("--known needs --export-repro DIR");
    }

    @Test
    void knownRunsNoCampaign(@TempDir Path directory) {
        CliRun run = CliRun.of("qemu", "--export-repro", directory.toString(), "--known", "--tries", "5");
        assertThat(run.exit()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("--known exports without a campaign");
    }

    @Test
    void anExportDirectoryThatCannotBeMadeIsRefused(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("a-file"), "");
        CliRun run = CliRun.of("qemu", "--export-repro", file.resolve("repro").toString(), "--known");
        assertThat(run.exit()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("--export-repro").contains("cannot create the directory");
    }
}
