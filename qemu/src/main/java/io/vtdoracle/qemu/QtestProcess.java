package io.vtdoracle.qemu;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One QEMU process driven through the qtest line protocol on its stdin/stdout. QEMU's stderr (its trace lines
 * and error messages) is merged into the same pipe: QEMU writes both from its main loop, so a trace line printed
 * while a command ran arrives before that command's reply, and lines between two replies belong to the first
 * command. Every read has a timeout; a QEMU that dies or hangs surfaces as {@link QemuDiedException}.
 */
final class QtestProcess implements AutoCloseable {

    static final String BINARY = "qemu-system-x86_64";
    static final String INSTALL_HINT = "apt-get install qemu-system-x86";

    /**
     * q35 without the devices nothing here uses (SATA, SMBus, ACPI, HPET, PIT, vmport, i8042): a system reset, made
     * between cases, costs QEMU half the time, and fewer devices switch address spaces in the trace. The remapping
     * unit, edu and the chipset's reset control register are the same.
     */
    static final String MACHINE = "q35,sata=off,smbus=off,acpi=off,hpet=off,pit=off,vmport=off,i8042=off";
    private static final long REPLY_TIMEOUT_MS = 5_000;
    private static final String EOF = "\u0000EOF";

    private final Process process;
    private final Path firmware;
    private final OutputStream stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> trace = new ArrayList<>();
    private final List<String> history = new ArrayList<>();
    private final List<String> deferred = new ArrayList<>();
    private final QtestTap tap;
    private final Thread reaper;
    private boolean dead;
    private long roundTrips;
    private long commandsSent;
    private long linesReceived;
    private long waitNanos;

    private QtestProcess(Process process, Path firmware, QtestTap tap) {
        this.process = process;
        this.firmware = firmware;
        this.tap = tap;
        this.stdin = process.getOutputStream();
        // QEMU in qtest mode keeps running when its stdin closes: a JVM that exits without close() must stop it.
        this.reaper = new Thread(process::destroyForcibly, "qemu-reaper-" + process.pid());
        Runtime.getRuntime().addShutdownHook(reaper);
        Thread reader = new Thread(() -> pump(process), "qemu-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** The path of qemu-system-x86_64 on PATH, or null. */
    static Path findBinary() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String directory : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(directory.isEmpty() ? "." : directory, BINARY);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * Starts {@code binary} with a q35 machine and {@code deviceArguments}, halted by a generated firmware, tracing
     * {@code traceEvents} (QEMU's {@code -trace} patterns, in order; {@code -NAME} disables); every line sent and
     * answered is shown to {@code tap}.
     */
    static QtestProcess start(Path binary, List<String> deviceArguments, List<String> traceEvents, QtestTap tap) {
        Path firmware;
        try {
            firmware = Files.createTempFile("vtd-oracle-fw", ".bin");
            Files.write(firmware, haltingFirmware());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the firmware image: " + e.getMessage(), e);
        }
        List<String> command = new ArrayList<>(List.of(binary.toString(), "-machine", MACHINE, "-bios",
                firmware.toString(), "-qtest", "stdio", "-qtest-log", "/dev/null", "-accel", "tcg",
                "-icount", "shift=0,sleep=off", "-nodefaults", "-display", "none", "-m", "256M"));
        command.addAll(deviceArguments);
        for (String events : traceEvents) {
            command.add("-trace");
            command.add(events);
        }
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            tap.started(List.copyOf(command));
            return new QtestProcess(process, firmware, tap);
        } catch (IOException e) {
            deleteQuietly(firmware);
            throw new QemuMissingException("cannot start " + binary + " (" + e.getMessage() + "); install it with `"
                    + INSTALL_HINT + "`");
        }
    }

    /**
     * 64 KiB of HLT with {@code cli; hlt; jmp short -3} at the reset vector (offset 0xFFF0): the CPU stays
     * halted, with interrupts off, and never touches memory.
     */
    static byte[] haltingFirmware() {
        byte[] image = new byte[0x10000];
        java.util.Arrays.fill(image, (byte) 0xF4);
        image[0xFFF0] = (byte) 0xFA;
        image[0xFFF1] = (byte) 0xF4;
        image[0xFFF2] = (byte) 0xEB;
        image[0xFFF3] = (byte) 0xFD;
        return image;
    }

    private void pump(Process process) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.ISO_8859_1))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException ignored) {
            // the process went away; EOF below tells the waiting command
        } finally {
            lines.add(EOF);
        }
    }

    /** A command's reply line ("OK ...") and the trace lines QEMU printed while the command ran. */
    record Reply(String line, List<String> trace) {
        long value() {
            return QtestProcess.value(line);
        }
    }

    /**
     * The replies of a batch of commands, in order: all of them, or those received before QEMU died (then
     * {@code death} says how, and the reply of command {@code replies.size()} never came).
     */
    record Exchange(List<Reply> replies, QemuDiedException death) {
    }

    /** Sends one command and returns its reply line ("OK ..."); trace lines seen meanwhile go to the trace. */
    String command(String command) {
        return commands(List.of(command)).get(0);
    }

    /**
     * Sends {@code commands} at once and returns their reply lines in order (one round trip for all); the trace
     * lines go to the trace ({@link #takeTrace()}).
     *
     * @throws QemuDiedException when QEMU died or hung before answering them all
     */
    List<String> commands(List<String> commands) {
        Exchange exchange = exchange(commands);
        List<String> lines = new ArrayList<>(commands.size());
        for (Reply reply : exchange.replies()) {
            trace.addAll(reply.trace());
            lines.add(reply.line());
        }
        if (exchange.death() != null) {
            throw exchange.death();
        }
        return lines;
    }

    /**
     * Writes the deferred commands and {@code commands} in one write, then reads every reply (qtest answers each
     * command in turn, so one round trip serves them all). Trace lines before a reply belong to its command; those
     * of deferred commands go to the first of {@code commands}. Every line sent and received passes here.
     */
    Exchange exchange(List<String> commands) {
        if (dead) {
            return new Exchange(List.of(), new QemuDiedException("QEMU is no longer running", List.copyOf(history)));
        }
        List<String> sent = new ArrayList<>(deferred);
        deferred.clear();
        sent.addAll(commands);
        StringBuilder text = new StringBuilder();
        for (String command : sent) {
            remember("> " + command);
            tap.sent(command);
            text.append(command).append('\n');
        }
        roundTrips++;
        commandsSent += sent.size();
        long start = System.nanoTime();
        try {
            try {
                stdin.write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
                stdin.flush();
            } catch (IOException e) {
                throw died("writing `" + sent.get(0) + "` failed: " + e.getMessage());
            }
            int firstOwn = sent.size() - commands.size();
            List<String> pending = new ArrayList<>();
            List<Reply> replies = new ArrayList<>(commands.size());
            try {
                for (int i = 0; i < sent.size(); i++) {
                    String line = reply(sent.get(i), pending);
                    if (i >= firstOwn) {
                        replies.add(new Reply(line, List.copyOf(pending)));
                        pending.clear();
                    }
                }
            } catch (QemuDiedException death) {
                return new Exchange(replies, death);
            }
            return new Exchange(replies, null);
        } catch (QemuDiedException death) {
            return new Exchange(List.of(), death);
        } finally {
            waitNanos += System.nanoTime() - start;
        }
    }

    /**
     * Queues a command whose reply carries nothing (a write to guest RAM): it is sent with the next command, in
     * the same round trip.
     */
    void defer(String command) {
        deferred.add(command);
    }

    private String reply(String command, List<String> traceLines) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REPLY_TIMEOUT_MS);
        while (true) {
            String line;
            try {
                line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw died("interrupted waiting for the reply to `" + command + "`");
            }
            if (line == null) {
                throw died("no reply to `" + command + "` within " + REPLY_TIMEOUT_MS + " ms (QEMU hung)");
            }
            linesReceived++;
            if (line.equals(EOF)) {
                throw died("QEMU exited while running `" + command + "`");
            }
            if (line.startsWith("OK") || line.startsWith("FAIL") || line.startsWith("ERR")) {
                tap.answered(line);
                if (!line.startsWith("OK")) {
                    throw new IllegalStateException("qtest refused `" + command + "`: " + line);
                }
                return line;
            }
            traceLines.add(line);
            remember(line);
        }
    }

    private void remember(String line) {
        history.add(line);
        if (history.size() > 400) {
            history.subList(0, 100).clear();
        }
    }

    private QemuDiedException died(String why) {
        dead = true;
        String exit;
        try {
            if (process.waitFor(2, TimeUnit.SECONDS)) {
                int code = process.exitValue();
                exit = code > 128 ? "killed by signal " + (code - 128) + signalName(code - 128) : "exit code " + code;
            } else {
                process.destroyForcibly();
                exit = "still running, killed";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit = "unknown";
        }
        // drain what it printed last (assertion messages)
        String line;
        while ((line = lines.poll()) != null) {
            if (!line.equals(EOF)) {
                trace.add(line);
                remember(line);
            }
        }
        return new QemuDiedException(why + "; " + exit, List.copyOf(history));
    }

    private static String signalName(int signal) {
        switch (signal) {
            case 6:
                return " (SIGABRT)";
            case 9:
                return " (SIGKILL)";
            case 11:
                return " (SIGSEGV)";
            default:
                return "";
        }
    }

    /** How much this process was talked to so far: round trips, commands, lines received, time awaiting replies. */
    Traffic traffic() {
        return new Traffic(roundTrips, commandsSent, linesReceived, waitNanos);
    }

    /** The trace lines since the last call, and forgets them. */
    List<String> takeTrace() {
        List<String> result = List.copyOf(trace);
        trace.clear();
        return result;
    }

    long readq(long address) {
        return value(command(String.format(Locale.ROOT, "readq 0x%x", address)));
    }

    static String writeCommand(int size, long address, long value) {
        return String.format(Locale.ROOT, "write%s 0x%x 0x%x", suffix(size), address, value);
    }

    static String readCommand(int size, long address) {
        return String.format(Locale.ROOT, "read%s 0x%x", suffix(size), address);
    }

    void outl(int port, long value) {
        command(String.format(Locale.ROOT, "outl 0x%x 0x%x", port, value & 0xFFFF_FFFFL));
    }

    long inl(int port) {
        return value(command(String.format(Locale.ROOT, "inl 0x%x", port)));
    }

    private static String suffix(int size) {
        switch (size) {
            case 1:
                return "b";
            case 2:
                return "w";
            case 4:
                return "l";
            case 8:
                return "q";
            default:
                throw new IllegalArgumentException("no qtest access of " + size + " bytes");
        }
    }

    static long value(String reply) {
        String[] parts = reply.trim().split("\\s+");
        if (parts.length < 2) {
            throw new IllegalStateException("reply without a value: " + reply);
        }
        return Long.parseUnsignedLong(parts[1].startsWith("0x") ? parts[1].substring(2) : parts[1], 16);
    }

    boolean isDead() {
        return dead || !process.isAlive();
    }

    @Override
    public void close() {
        dead = true;
        try {
            stdin.close();
        } catch (IOException ignored) {
            // already gone
        }
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        deleteQuietly(firmware);
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway; the process is already gone
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // a temp file
        }
    }
}
