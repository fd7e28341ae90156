package io.vtdoracle.qemu;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Operation;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** How a recorded conversation becomes a script QEMU runs from a file. Needs no QEMU. */
class ReproducerWriterTest {

    private static final QemuSetup SETUP = new QemuSetup(new QemuBinary(Path.of("/opt/qemu/bin/qemu-system-x86_64"),
            QemuVersion.parse("7.2.22")), "caching-mode=on,intremap=on");
    private static final List<String> RECORDED = List.of("/opt/qemu/bin/qemu-system-x86_64", "-machine", "q35",
            "-bios", "/tmp/vtd-oracle-fw123.bin", "-qtest", "stdio", "-qtest-log", "/dev/null", "-accel", "tcg",
            "-m", "256M", "-device", "intel-iommu,caching-mode=on,intremap=on", "-device", "edu,addr=0x4",
            "-trace", "vtd_*");

    @Test
    void theCommandLineNamesNoPathOfTheRecordingMachine() {
        assertThat(ReproducerWriter.qemuCommand(RECORDED)).isEqualTo("qemu-system-x86_64 -machine q35 -bios halt.bin"
                + " -accel tcg -m 256M -device intel-iommu,caching-mode=on,intremap=on -device edu,addr=0x4"
                + " -trace 'vtd_*' -no-reboot -qtest stdio");
    }

    @Test
    void busyPollsAreLeftOutAndReadsCarryTheirAnswers() {
        Operation dma = new Operation.DmaRequest(QemuUnit.EDU, 0x10000, Access.READ);
        List<Reproducer.Line> lines = List.of(
                new Reproducer.Line("readq 0xfed90008", "OK 0x00d2008c22260286", QtestTranscript.SET_UP,
                        List.of("OK 0x00d2008c22260286")),
                new Reproducer.Line("writeq 0xe0000098 0x1", "OK", 0, List.of()),
                new Reproducer.Line("readq 0xe0000098", "OK 0x0000000000000001", 0, List.of()),
                new Reproducer.Line("readq 0xe0000098", "OK 0x0000000000000000", 0, List.of()),
                new Reproducer.Line("readq 0xfed90228", "OK 0x0000000000000000", 0,
                        List.of("OK 0x8000000600000020")));
        QemuJudge.Divergence divergence = new QemuJudge.Divergence(QemuJudge.Kind.OUTCOME, 0, dma,
                "translated 0x500000", Set.of("dma fault READ_NOT_PERMITTED(6h)"), List.of(dma), List.of(), "");
        String text = ReproducerWriter.text(new Reproducer("D1-read", "title", SETUP, RECORDED, List.of(dma), lines,
                Optional.of(divergence), Optional.of("D1-read")));

        assertThat(text.lines()).noneMatch(String::isBlank);
        assertThat(text).contains("# Known divergence D1-read on this QEMU version")
                .contains("#   awk '!/^#/ {print; fflush()} /^writeq 0xe0000098 / {system(\"sleep 1\")}' D1-read.qtest"
                        + " | qemu-system-x86_64 -machine q35 -bios halt.bin")
                .doesNotContain("/tmp/vtd-oracle-fw123.bin")
                .contains("readq 0xfed90008\n# observed: OK 0x00d2008c22260286\n# model allows: OK 0x00d2008c22260286\n")
                .contains("# --- step 0: dma 00:04.0 read 0x10000 ---\n# DIVERGENCE: QEMU showed translated 0x500000\n")
                .contains("writeq 0xe0000098 0x1\nreadq 0xe0000098\n# observed: OK 0x0000000000000000\n")
                .contains("readq 0xfed90228\n# observed: OK 0x0000000000000000\n# model allows: OK 0x8000000600000020\n")
                .endsWith("outb 0xcf9 0x6\n");
        assertThat(text).doesNotContain("OK 0x0000000000000001");
    }

    @Test
    void aFileIsNamedAfterItsDivergence() {
        assertThat(ReproducerWriter.fileName("D22-IVA")).isEqualTo("D22-IVA.qtest");
        assertThat(ReproducerWriter.fileName("NEW-OUTCOME-register read")).isEqualTo("NEW-OUTCOME-register-read.qtest");
    }
}
