package io.vtdoracle.qemu;

import io.vtdoracle.api.Operation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Writes a {@link Reproducer} as a plain qtest script a QEMU developer runs without Java: a header of comments
 * with the firmware to make, the QEMU command line and the command feeding the script; then every qtest line the
 * adapter sent from QEMU's start, each read followed by {@code # observed: ANSWER} (what QEMU answered when the
 * reproducer was recorded) and, where the model says what the read returns, {@code # model allows: A | B}. Lines
 * of each scenario step follow a {@code # step N: OPERATION} heading; the diverging step says what QEMU showed and
 * what the model allows. The script ends with a system reset, which {@code -no-reboot} turns into QEMU's exit.
 *
 * <p>Two things differ from the adapter's conversation, both needed to run it from a file: edu's DMA status polls
 * that answered "busy" are left out (the feeder pauses instead), and the firmware is a file of the current
 * directory. The script has no blank line (QEMU 7.2's qtest aborts on one).
 */
public final class ReproducerWriter {

    /** The firmware file the command line names, made by the header's commands. */
    static final String FIRMWARE = "halt.bin";
    /** The pause after each edu DMA start, in seconds: edu completes a DMA 100 ms of virtual time later, which QEMU lets pass at about the speed of real time while it waits for input. */
    static final String PAUSE = "1";
    private static final String FINAL_LINE = "outb 0xcf9 0x6";
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_.,=/:+-]+");

    private ReproducerWriter() {
    }

    /** The line that starts an edu DMA (the feeder pauses after it). */
    static String dmaStartPrefix() {
        return String.format(Locale.ROOT, "writeq 0x%x ", QemuUnit.EDU_BAR + 0x98);
    }

    private static String statusPoll() {
        return QtestProcess.readCommand(8, QemuUnit.EDU_BAR + 0x98);
    }

    /** Writes {@code reproducer} to {@code directory}/NAME.qtest and returns the file. */
    public static Path write(Reproducer reproducer, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(fileName(reproducer.name()));
        Files.writeString(file, text(reproducer));
        return file;
    }

    /** "D18.qtest": the name with characters other than letters, digits, '.', '_' and '-' replaced. */
    public static String fileName(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]+", "-") + ".qtest";
    }

    /** The QEMU command line to run the script with, binary-independent ({@code qemu-system-x86_64 ...}). */
    public static String qemuCommand(List<String> recorded) {
        List<String> arguments = new ArrayList<>();
        arguments.add(QtestProcess.BINARY);
        for (int i = 1; i < recorded.size(); i++) {
            String argument = recorded.get(i);
            if (argument.equals("-qtest") || argument.equals("-qtest-log")) {
                i++;
            } else if (argument.equals("-bios")) {
                arguments.add(argument);
                arguments.add(FIRMWARE);
                i++;
            } else {
                arguments.add(argument);
            }
        }
        arguments.addAll(List.of("-no-reboot", "-qtest", "stdio"));
        return String.join(" ", arguments.stream().map(ReproducerWriter::quoted).toList());
    }

    private static String quoted(String argument) {
        return SHELL_SAFE.matcher(argument).matches() ? argument : "'" + argument.replace("'", "'\\''") + "'";
    }

    /** The feeder: every command line, one at a time, with a pause after each edu DMA start. */
    public static String runCommand(String file, List<String> recorded) {
        return "awk '!/^#/ {print; fflush()} /^" + dmaStartPrefix() + "/ {system(\"sleep " + PAUSE + "\")}' " + file
                + " | " + qemuCommand(recorded);
    }

    /** The script. */
    public static String text(Reproducer reproducer) {
        StringBuilder text = new StringBuilder();
        header(reproducer, text);
        List<Reproducer.Line> lines = reproducer.lines();
        int headed = QtestTranscript.SET_UP;
        text.append("# --- set-up: QEMU's CAP and ECAP, edu's BAR, its buffer of DMA markers ---\n");
        for (int i = 0; i < lines.size(); i++) {
            Reproducer.Line line = lines.get(i);
            if (busyPoll(lines, i)) {
                i += pollReads(lines, i);
                continue;
            }
            while (headed < line.step()) {
                heading(reproducer, ++headed, text);
            }
            text.append(line.command()).append('\n');
            if (line.reply() == null) {
                text.append("# QEMU answered nothing: ").append(reproducer.divergence()
                        .map(QemuJudge.Divergence::observed).orElse("it died")).append('\n');
            } else if (line.isRead()) {
                text.append("# observed: ").append(line.reply()).append('\n');
                if (!line.modelAllows().isEmpty()) {
                    text.append("# model allows: ").append(String.join(" | ", line.modelAllows())).append('\n');
                }
            }
        }
        int steps = reproducer.divergence().map(d -> d.index() + 1).orElse(reproducer.operations().size());
        while (headed < steps - 1) {
            heading(reproducer, ++headed, text);
        }
        text.append("# --- end: a system reset, which -no-reboot turns into QEMU's exit ---\n");
        text.append(FINAL_LINE).append('\n');
        return text.toString();
    }

    /**
     * A status poll of edu's DMA that answered "busy" and was polled again (the adapter reads FRCD[0] with each
     * poll: those reads go with it).
     */
    private static boolean busyPoll(List<Reproducer.Line> lines, int index) {
        Reproducer.Line line = lines.get(index);
        if (!line.command().equals(statusPoll()) || line.reply() == null
                || (QtestProcess.value(line.reply()) & 1) == 0) {
            return false;
        }
        int next = index + 1 + pollReads(lines, index);
        return next < lines.size() && lines.get(next).command().equals(statusPoll());
    }

    /** How many FRCD[0] reads follow the status poll at {@code index}, in the same poll. */
    private static int pollReads(List<Reproducer.Line> lines, int index) {
        List<String> frcd = List.of(QtestProcess.readCommand(8, QemuUnit.REGISTER_BASE + 0x220),
                QtestProcess.readCommand(8, QemuUnit.REGISTER_BASE + 0x228));
        int count = 0;
        while (count < frcd.size() && index + 1 + count < lines.size()
                && lines.get(index + 1 + count).command().equals(frcd.get(count))) {
            count++;
        }
        return count;
    }

    private static void header(Reproducer reproducer, StringBuilder text) {
        QemuSetup setup = reproducer.setup();
        String file = fileName(reproducer.name());
        text.append("# vtd-oracle reproducer ").append(reproducer.name()).append(": ").append(reproducer.title())
                .append('\n');
        text.append("# ").append(verdict(reproducer)).append('\n');
        text.append("# Recorded on QEMU ").append(setup.binary().version()).append(" with -device ")
                .append(setup.deviceArguments().get(1)).append(" (docs/qemu-conformance.md, docs/divergences.md)\n");
        text.append("#\n");
        text.append("# Firmware (64 KiB of HLT, `cli; hlt; jmp $-1` at the reset vector), in the current directory:\n");
        text.append("#   head -c 65536 /dev/zero | tr '\\000' '\\364' > ").append(FIRMWARE).append('\n');
        text.append("#   printf '\\372\\364\\353\\375' | dd of=").append(FIRMWARE)
                .append(" bs=1 seek=65520 conv=notrunc 2>/dev/null\n");
        text.append("# QEMU:\n#   ").append(qemuCommand(reproducer.commandLine())).append('\n');
        text.append("# Run (the lines one at a time, with a pause after each start of an edu DMA: QEMU completes it on\n");
        text.append("# its virtual clock, which moves only while QEMU waits for input, so `< ").append(file)
                .append("` alone would not wait):\n");
        text.append("#   ").append(runCommand(file, reproducer.commandLine())).append('\n');
        text.append("# QEMU prints one answer per line sent on stdout: compare them with the `# observed:` and\n");
        text.append("# `# model allows:` comments below. Its vtd_* trace and qtest log go to stderr. Lines the\n");
        text.append("# adapter queues (guest-memory writes, edu's scratch clean-up) went with its next command, so\n");
        text.append("# they appear under the next step's heading.\n");
        text.append("#\n");
        reproducer.divergence().ifPresent(d -> {
            text.append("# Divergence at step ").append(d.index()).append(": ").append(d.operation()).append('\n');
            text.append("#   QEMU showed: ").append(oneLine(d.observed())).append('\n');
            text.append("#   model allows: ").append(oneLine(String.join(" | ", d.allowed()))).append('\n');
        });
        text.append("# Scenario (").append(reproducer.operations().size()).append(" operations, edu at ")
                .append(eduOf(reproducer.commandLine())).append("):\n");
        for (int i = 0; i < reproducer.operations().size(); i++) {
            text.append(String.format(Locale.ROOT, "#   %3d %s%n", i, reproducer.operations().get(i)));
        }
    }

    private static String verdict(Reproducer reproducer) {
        if (reproducer.divergence().isEmpty()) {
            return "Run again from a fresh QEMU, this scenario did NOT diverge: QEMU agreed with the model";
        }
        return reproducer.knownId().map(id -> "Known divergence " + id + " on this QEMU version"
                + " (qemu/src/main/resources/qemu-known-divergences.txt)")
                .orElse("New divergence: " + reproducer.divergence().get().kind() + " on "
                        + CampaignStats.kind(reproducer.divergence().get().operation()));
    }

    private static String eduOf(List<String> commandLine) {
        return commandLine.stream().filter(a -> a.startsWith("edu,addr=")).findFirst()
                .map(a -> "00:" + String.format("%02x", Integer.parseInt(a.substring("edu,addr=0x".length()), 16))
                        + ".0").orElse("?");
    }

    private static void heading(Reproducer reproducer, int step, StringBuilder text) {
        Operation operation = reproducer.operations().get(step);
        text.append("# --- step ").append(step).append(": ").append(operation);
        if (operation instanceof Operation.WriteMemory) {
            text.append(" (queued: sent with the next command)");
        }
        text.append(" ---\n");
        if (step == reproducer.divergingStep()) {
            QemuJudge.Divergence d = reproducer.divergence().orElseThrow();
            text.append("# DIVERGENCE: QEMU showed ").append(oneLine(d.observed())).append('\n');
            text.append("#   model allows: ").append(oneLine(String.join(" | ", d.allowed()))).append('\n');
        }
    }

    private static String oneLine(String text) {
        return text.replace('\n', ' ');
    }
}
