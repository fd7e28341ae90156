package io.vtdoracle.qemu;

import io.vtdoracle.oracle.Oracle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exported reproducers reproduce without the adapter: a few known divergences' scripts are written, then run by
 * the header's own shell commands (firmware, feeder, QEMU command line; the configured QEMU first on PATH) in a
 * scratch directory. Every answer QEMU prints must be the one the script's {@code # observed:} comment recorded,
 * and where the divergence is shown, a read of the diverging step must be outside {@code # model allows:} (or
 * QEMU must die there).
 */
class ReproducerReplayTest {

    @QemuTest
    void registerDivergenceReproduces(QemuSetup qemu) throws Exception {
        replay(qemu, "D22-IVA");
    }

    @QemuTest
    void interruptDivergenceReproduces(QemuSetup qemu) throws Exception {
        replay(qemu, "D18");
    }

    @QemuTest
    void dmaDivergenceReproduces(QemuSetup qemu) throws Exception {
        replay(qemu, "D1-read");
    }

    @QemuTest
    void queueDivergenceReproduces(QemuSetup qemu) throws Exception {
        replay(qemu, "D11-neither");
    }

    @QemuTest
    void abortReproduces(QemuSetup qemu) throws Exception {
        replay(qemu, "N4");
    }

    private static void replay(QemuSetup qemu, String id) throws Exception {
        KnownDivergences known = KnownDivergences.fromClassPath();
        KnownScenarios.KnownScenario scenario = KnownScenarios.of(id, qemu.capabilities()).orElseThrow();
        Reproducer reproducer = Reproducer.record(id, scenario.title(), qemu, QemuUnit.EDU_SLOT,
                scenario.operations(), Oracle.Judging.DEFAULT, known);
        boolean shown = known.entry(id).orElseThrow().shownBy(qemu.binary().version());
        assertThat(reproducer.knownId()).as("recorded: %s", reproducer.divergence())
                .isEqualTo(shown ? java.util.Optional.of(id) : java.util.Optional.empty());
        Path directory = Files.createTempDirectory("vtd-repro");
        try {
            Path file = ReproducerWriter.write(reproducer, directory);
            Script script = Script.parse(Files.readAllLines(file));
            List<String> answers = run(qemu, directory, script);
            System.out.println(qemu + " " + id + ": " + answers.size() + " answers to " + script.commands.size()
                    + " lines");
            boolean died = reproducer.divergence().filter(d -> d.kind() == QemuJudge.Kind.QEMU_DIED).isPresent();
            if (died) {
                assertThat(answers.size()).as("QEMU dies before answering every line").isLessThan(
                        script.commands.size());
            } else {
                assertThat(answers).as("one answer per line").hasSize(script.commands.size());
            }
            boolean outside = false;
            for (int i = 0; i < answers.size(); i++) {
                Script.Command command = script.commands.get(i);
                if (command.observed != null) {
                    assertThat(answers.get(i)).as("line %d `%s`", command.number, command.text)
                            .isEqualTo(command.observed);
                }
                if (command.diverging && !command.allowed.isEmpty() && !command.allowed.contains(answers.get(i))) {
                    outside = true;
                }
            }
            if (shown && !died) {
                assertThat(outside).as("a read of the diverging step answers outside what the model allows").isTrue();
            }
        } finally {
            try (var files = Files.walk(directory)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Runs the header's firmware and run commands in {@code directory}; QEMU's stdout lines. */
    private static List<String> run(QemuSetup qemu, Path directory, Script script) throws IOException,
            InterruptedException {
        String shell = String.join("\n", script.firmware) + "\n" + script.run + "\n";
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", shell).directory(directory.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> environment = builder.environment();
        environment.put("PATH", qemu.binary().path().toAbsolutePath().getParent() + java.io.File.pathSeparator
                + environment.getOrDefault("PATH", "/usr/bin:/bin"));
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the reproducer did not end within 120 s");
        }
        return new String(out, StandardCharsets.ISO_8859_1).lines().toList();
    }

    /** A reproducer script read back: the header's shell commands and each command line with its comments. */
    private static final class Script {
        final List<String> firmware = new ArrayList<>();
        String run;
        final List<Command> commands = new ArrayList<>();

        static final class Command {
            final int number;
            final String text;
            final boolean diverging;
            String observed;
            List<String> allowed = List.of();

            Command(int number, String text, boolean diverging) {
                this.number = number;
                this.text = text;
                this.diverging = diverging;
            }
        }

        static Script parse(List<String> lines) {
            Script script = new Script();
            boolean diverging = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                assertThat(line).as("line %d: no blank line", i + 1).isNotBlank();
                if (line.startsWith("#   head -c ") || line.startsWith("#   printf ")) {
                    script.firmware.add(line.substring(4));
                } else if (line.startsWith("#   awk ")) {
                    script.run = line.substring(4);
                } else if (line.startsWith("# --- ")) {
                    diverging = false;
                } else if (line.startsWith("# DIVERGENCE")) {
                    diverging = true;
                } else if (line.startsWith("# observed: ")) {
                    last(script).observed = line.substring("# observed: ".length());
                } else if (line.startsWith("# model allows: ")) {
                    last(script).allowed = List.of(line.substring("# model allows: ".length()).split(" \\| "));
                } else if (!line.startsWith("#")) {
                    script.commands.add(new Command(i + 1, line, diverging));
                }
            }
            assertThat(script.firmware).hasSize(2);
            assertThat(script.run).isNotNull();
            return script;
        }

        private static Command last(Script script) {
            return script.commands.get(script.commands.size() - 1);
        }
    }
}
