package io.vtdoracle.cli;

import io.vtdoracle.check.Property;
import io.vtdoracle.properties.generate.QemuGens;
import io.vtdoracle.qemu.CampaignStats;
import io.vtdoracle.oracle.Oracle;
import io.vtdoracle.qemu.KnownDivergences;
import io.vtdoracle.qemu.KnownScenarios;
import io.vtdoracle.qemu.QemuBinary;
import io.vtdoracle.qemu.QemuConformanceMachine;
import io.vtdoracle.qemu.QemuMissingException;
import io.vtdoracle.qemu.QemuSetup;
import io.vtdoracle.qemu.QemuUnit;
import io.vtdoracle.qemu.Reproducer;
import io.vtdoracle.qemu.ReproducerWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code qemu}: the random conformance campaign against a user's QEMU (docs/qemu-conformance.md). Each divergence
 * kind met is shrunk once and marked known (with the version range of the known-divergences file) or new.
 * {@code --export-repro DIR} writes each one as a plain qtest script ({@link ReproducerWriter}), recorded again
 * from a fresh QEMU; with {@code --known}, the known divergences' minimal scenarios are exported instead of
 * running a campaign.
 */
@Command(name = "qemu", mixinStandardHelpOptions = true,
        description = "Runs the random conformance campaign against a QEMU's intel-iommu, judged by the model.%n"
                + "Exit code 0: only known divergences; 1: a new divergence (or QEMU died in a new way); 2: bad"
                + " arguments.")
final class QemuCommand implements Callable<Integer> {

    private static final int BATCH = 20;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--binary", paramLabel = "PATH",
            description = "the qemu-system-x86_64 to judge (default: the one on PATH)")
    Path binary;

    @Option(names = "--iommu-options", paramLabel = "OPTIONS", defaultValue = QemuSetup.DEFAULT_OPTIONS,
            description = "intel-iommu options, as in -device intel-iommu,OPTIONS (default: ${DEFAULT-VALUE})")
    String iommuOptions;

    @CommandLine.ArgGroup(exclusive = true)
    Budget budget;

    static final class Budget {
        @Option(names = "--time", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "run until this much time is spent, e.g. 30s, 10m")
        Duration time;

        @Option(names = "--tries", paramLabel = "N", description = "cases to run (default 100)")
        Integer tries;
    }

    @Option(names = "--seed", paramLabel = "SEED", description = "seed of the run (random if absent)")
    Long seed;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "30",
            description = "commands per case (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--report", paramLabel = "FILE", description = "write the summary as Markdown to FILE.md")
    Path report;

    @Option(names = "--failure-dir", paramLabel = "DIR", defaultValue = "vtd-failures",
            description = "where shrunk scenarios and replay files go (default: ${DEFAULT-VALUE})")
    Path failureDir;

    @Option(names = "--export-repro", paramLabel = "DIR",
            description = "write each divergence met, shrunk, as a qtest script DIR/ID.qtest (the known-divergences"
                    + " id, or NEW-<kind>-<operation>) that QEMU runs without Java")
    Path exportRepro;

    @Option(names = "--known", description = "with --export-repro: export the known divergences' minimal scenarios"
            + " instead of running a campaign")
    boolean knownScenarios;

    /** A divergence kind met and shrunk. */
    record Shrunk(String key, String verdict, String divergence) {
    }

    @Override
    public Integer call() throws IOException {
        CommandLine cli = spec.commandLine();
        if (report != null && !report.getFileName().toString().endsWith(".md")) {
            throw new CommandLine.ParameterException(cli, "--report " + report + ": the file name must end in .md");
        }
        if (steps < 1) {
            throw new CommandLine.ParameterException(cli, "--steps must be at least 1, not " + steps);
        }
        if (budget != null && budget.tries != null && budget.tries < 1) {
            throw new CommandLine.ParameterException(cli, "--tries must be at least 1, not " + budget.tries);
        }
        if (knownScenarios && exportRepro == null) {
            throw new CommandLine.ParameterException(cli, "--known needs --export-repro DIR");
        }
        if (knownScenarios && (budget != null || seed != null || report != null)) {
            throw new CommandLine.ParameterException(cli, "--known exports without a campaign: --time, --tries,"
                    + " --seed and --report do not apply");
        }
        if (exportRepro != null) {
            try {
                Files.createDirectories(exportRepro);
            } catch (IOException e) {
                throw new BadArgument("--export-repro " + exportRepro + ": cannot create the directory ("
                        + e.getMessage() + ")");
            }
            if (!Files.isWritable(exportRepro)) {
                throw new BadArgument("--export-repro " + exportRepro + ": the directory is not writable");
            }
        }
        QemuSetup setup;
        QemuConformanceMachine machine;
        CampaignStats stats = new CampaignStats();
        KnownDivergences known = KnownDivergences.fromClassPath();
        try {
            setup = new QemuSetup(binary == null ? QemuBinary.onPath() : QemuBinary.probe(binary), iommuOptions);
            machine = new QemuConformanceMachine(setup, QemuGens.profile(), known, stats, failureDir)
                    .shrinkingKnownDivergences();
        } catch (QemuMissingException | IllegalArgumentException e) {
            throw new BadArgument(e.getMessage());
        }
        PrintStream out = System.out;
        if (knownScenarios) {
            return exportKnown(setup, machine, known, out);
        }
        long runSeed = seed != null ? seed : new SplittableRandom().nextLong();
        out.println("judging " + setup + " (seed " + runSeed + ")");
        out.println("capabilities read from CAP/ECAP: " + machine.capabilities());
        List<Shrunk> shrunk = new ArrayList<>();
        long start = System.nanoTime();
        long end = budget != null && budget.time != null ? start + budget.time.toNanos() : Long.MAX_VALUE;
        int tries = budget != null && budget.tries != null ? budget.tries : budget != null ? Integer.MAX_VALUE : 100;
        long total = end == Long.MAX_VALUE ? tries : Math.max(1, budget.time.toSeconds());
        int done = 0;
        try (Progress progress = Progress.forTerminal(spec.commandLine().getErr(), "qemu", total)) {
            for (int k = 0; done < tries && System.nanoTime() < end; k++) {
                int batch = Math.min(BATCH, tries - done);
                Property property = Property.named("qemu conformance").seed(runSeed + k).tries(batch).steps(steps)
                        .shrinkSeconds(60).maxShrinks(2000).failureDir(failureDir).ignoreSystemProperties();
                PrintStream quiet = System.out;
                System.setOut(new PrintStream(OutputStream.nullOutputStream()));
                try {
                    property.check(machine);
                } catch (AssertionError failure) {
                    QemuConformanceMachine.Thrown thrown = machine.lastThrown();
                    if (thrown == null) {
                        throw failure;
                    }
                    machine.shrunk(thrown.key());
                    String verdict = thrown.knownId().map(id -> "known " + id + " (QEMU "
                            + known.entry(id).orElseThrow().range() + ")").orElse("NEW");
                    shrunk.add(new Shrunk(thrown.key(), verdict, thrown.divergence().toString()));
                    if (exportRepro != null) {
                        exportShrunk(setup, known, thrown, spec.commandLine().getErr());
                    }
                } finally {
                    System.setOut(quiet);
                }
                done += batch;
                long now = (System.nanoTime() - start) / 1_000_000_000L;
                progress.update(end == Long.MAX_VALUE ? done : Math.min(now, total), total, stats.cases() + " cases, "
                        + stats.steps() + " operations, " + shrunk.size() + " divergence kinds");
            }
        } finally {
            machine.shutdown();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String summary = summary(setup, runSeed, stats, shrunk, seconds);
        out.print(summary);
        if (report != null) {
            Files.writeString(report, "# QEMU conformance campaign\n\n```\n" + summary + "```\n");
            out.println("report written to " + report);
        }
        boolean fresh = shrunk.stream().anyMatch(s -> s.verdict().equals("NEW"));
        return fresh ? Main.FAILED : Main.PASSED;
    }

    /** Records the shrunk divergence again from a fresh QEMU and writes its script; says where on stderr. */
    private void exportShrunk(QemuSetup setup, KnownDivergences known, QemuConformanceMachine.Thrown thrown,
                              java.io.PrintWriter err) throws IOException {
        String name = thrown.knownId().orElse("NEW-" + thrown.divergence().kind() + "-"
                + CampaignStats.kind(thrown.divergence().operation()));
        Reproducer reproducer = Reproducer.record(name, thrown.key(), setup, QemuConformanceMachine.EDU_SLOT,
                thrown.divergence().prefix(), Oracle.Judging.DEFAULT, known);
        Path file = ReproducerWriter.write(reproducer, exportRepro);
        err.println("reproducer written to " + file + (reproducer.divergence().isPresent() ? ""
                : " (from a fresh QEMU the scenario did not diverge; the file says so)"));
    }

    /** Writes every known divergence's minimal scenario, recorded on this QEMU; one line per file. */
    private Integer exportKnown(QemuSetup setup, QemuConformanceMachine machine, KnownDivergences known,
                                PrintStream out) throws IOException {
        out.println("exporting the known divergences' minimal scenarios, recorded on " + setup);
        for (KnownScenarios.KnownScenario scenario : KnownScenarios.all(machine.capabilities())) {
            Reproducer reproducer = Reproducer.record(scenario.id(), scenario.title(), setup, QemuUnit.EDU_SLOT,
                    scenario.operations(), Oracle.Judging.DEFAULT, known);
            Path file = ReproducerWriter.write(reproducer, exportRepro);
            String shown = reproducer.divergence().map(d -> reproducer.knownId().map(id -> "shows " + id)
                    .orElse("diverges, named by no known entry: " + d.kind() + " at step " + d.index()))
                    .orElse("agrees with the model on this version");
            out.println("  " + file + ": " + shown);
        }
        return Main.PASSED;
    }

    private static String summary(QemuSetup setup, long seed, CampaignStats stats, List<Shrunk> shrunk,
                                  double seconds) {
        StringBuilder text = new StringBuilder();
        text.append(setup).append(", seed ").append(seed).append('\n');
        text.append(stats.report((long) (seconds * 1000)));
        text.append(String.format(Locale.ROOT, "  throughput: %.0f operations/s (shrinking included)%n",
                stats.steps() / Math.max(seconds, 1e-9)));
        text.append("divergences met, each shrunk once: ").append(shrunk.isEmpty() ? "none" : shrunk.size())
                .append('\n');
        for (Shrunk s : shrunk) {
            text.append("\n== ").append(s.verdict()).append(": ").append(s.key()).append('\n');
            text.append(s.divergence());
        }
        return text.toString();
    }
}
