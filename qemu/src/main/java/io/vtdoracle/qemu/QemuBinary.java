package io.vtdoracle.qemu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A qemu-system-x86_64 executable and the version it reports. {@link #configured()} lists the binaries the
 * conformance tests judge: those named by the environment variable {@value #ENVIRONMENT} (or the system property
 * {@value #PROPERTY}), separated by the path separator, else the one on PATH.
 */
public record QemuBinary(Path path, QemuVersion version) {

    /** Environment variable listing QEMU binaries to judge (CI: the system's and qemu/fetch-qemu-10's). */
    public static final String ENVIRONMENT = "VTD_QEMU_BINARIES";
    /** System property doing the same (wins over the variable). */
    public static final String PROPERTY = "vtd.qemu.binaries";

    /** A configured binary: usable, or the reason it is not. */
    public record Candidate(String name, QemuBinary binary, String unavailable) {
        public boolean available() {
            return binary != null;
        }
    }

    /** Runs {@code path --version}; throws {@link QemuMissingException} saying why it cannot be used. */
    public static QemuBinary probe(Path path) {
        if (!Files.isExecutable(path)) {
            throw new QemuMissingException(path + " is not an executable file");
        }
        try {
            Process process = new ProcessBuilder(path.toString(), "--version").redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readNBytes(4096);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new QemuMissingException(path + " --version did not answer within 10 s");
            }
            String text = new String(out, StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0) {
                throw new QemuMissingException(path + " --version failed (exit " + process.exitValue() + "): " + text);
            }
            try {
                return new QemuBinary(path, QemuVersion.parse(text));
            } catch (IllegalArgumentException e) {
                throw new QemuMissingException(path + " --version printed no QEMU version: " + text);
            }
        } catch (IOException e) {
            throw new QemuMissingException("cannot run " + path + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QemuMissingException("interrupted probing " + path);
        }
    }

    /** qemu-system-x86_64 on PATH, probed. */
    public static QemuBinary onPath() {
        Path path = QtestProcess.findBinary();
        if (path == null) {
            throw new QemuMissingException(QtestProcess.BINARY + " is not on PATH; install it with `"
                    + QtestProcess.INSTALL_HINT + "`");
        }
        return probe(path);
    }

    /** The binaries to judge, each usable or with the reason it is not (in the configured order). */
    public static List<Candidate> configured() {
        String list = System.getProperty(PROPERTY, System.getenv().getOrDefault(ENVIRONMENT, "")).strip();
        List<Candidate> candidates = new ArrayList<>();
        if (list.isEmpty()) {
            candidates.add(candidate(QtestProcess.BINARY + " on PATH", QemuBinary::onPath));
            return candidates;
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String entry : list.split(java.io.File.pathSeparator)) {
            if (!entry.isBlank() && seen.add(entry.strip())) {
                Path path = Path.of(entry.strip());
                candidates.add(candidate(entry.strip(), () -> probe(path)));
            }
        }
        return candidates;
    }

    private static Candidate candidate(String name, java.util.function.Supplier<QemuBinary> probe) {
        try {
            QemuBinary binary = probe.get();
            return new Candidate("QEMU " + binary.version() + " (" + binary.path() + ")", binary, null);
        } catch (QemuMissingException e) {
            return new Candidate(name, null, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "QEMU " + version + " (" + path + ")";
    }
}
