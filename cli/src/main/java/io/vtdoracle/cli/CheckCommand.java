package io.vtdoracle.cli;

import io.vtdoracle.impl.FastRemappingUnit;
import io.vtdoracle.oracle.Oracle;
import io.vtdoracle.properties.Suite;
import io.vtdoracle.properties.Suites;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code check}: runs the property campaign against the built-in implementation. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Runs the property campaign against the built-in implementation (FastRemappingUnit).%n"
                + "Exit code 0: every property held; 1: a property failed; 2: bad arguments.")
final class CheckCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ArgGroup(exclusive = true)
    Budget budget;

    static final class Budget {
        @Option(names = "--time", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "run until this much time is spent, e.g. 30s, 30m, 2h")
        Duration time;

        @Option(names = "--tries", paramLabel = "N", description = "valid cases per property")
        Integer tries;
    }

    @Option(names = "--seed", paramLabel = "SEED", description = "seed of the run (random if absent)")
    Long seed;

    @Option(names = "--suite", paramLabel = "NAME",
            description = "a property to run (repeatable; default all): ${COMPLETION-CANDIDATES}",
            completionCandidates = SuiteNames.class)
    List<String> suites = new ArrayList<>();

    @Option(names = "--report", paramLabel = "FILE", description = "write a report: FILE.md (Markdown) or FILE.json")
    Path report;

    @Option(names = "--fail-fast", description = "stop at the first property that fails")
    boolean failFast;

    @Option(names = "--strict", description = "judge refinement strictly: only the model's preferred reading where"
            + " the specification does not decide (docs/ambiguities.md), listener events in the contract's exact"
            + " order and pieces (default: every reading, listener events by their VFIO effect)")
    boolean strict;

    @Option(names = "--failure-dir", paramLabel = "DIR", defaultValue = "vtd-failures",
            description = "where replay files of failures go (default: ${DEFAULT-VALUE})")
    Path failureDir;

    /** The names {@code --suite} accepts. */
    static final class SuiteNames extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        SuiteNames() {
            super(Suites.names());
        }
    }

    @Override
    public Integer call() throws Exception {
        CommandLine cli = spec.commandLine();
        List<Suite> selected = new ArrayList<>();
        for (String name : suites) {
            selected.add(Suites.named(name).orElseThrow(() -> new CommandLine.ParameterException(cli,
                    "unknown suite '" + name + "' in --suite; known: " + String.join(", ", Suites.names()))));
        }
        if (selected.isEmpty()) {
            selected.addAll(Suites.all());
        }
        if (budget != null && budget.tries != null && budget.tries < 1) {
            throw new CommandLine.ParameterException(cli, "--tries must be at least 1, not " + budget.tries);
        }
        if (report != null && !ReportWriter.supports(report)) {
            throw new CommandLine.ParameterException(cli,
                    "--report " + report + ": the file name must end in .md or .json");
        }
        long runSeed = seed != null ? seed : new SplittableRandom().nextLong();
        PrintStream out = cli.getOut() instanceof java.io.PrintWriter ? System.out : System.out;
        Campaign campaign = new Campaign(selected, FastRemappingUnit::new, runSeed, failureDir, failFast,
                strict ? Oracle.Judging.STRICT : Oracle.Judging.DEFAULT);
        CampaignResult result;
        if (budget != null && budget.time != null) {
            try (Progress progress = Progress.forTerminal(out, "check", Math.max(1, budget.time.toSeconds()))) {
                result = campaign.runFor(budget.time, progress);
            }
        } else {
            int tries = budget != null && budget.tries != null ? budget.tries : -1;
            if (tries < 0) {
                tries = selected.stream().mapToInt(Suite::tries).max().orElse(100);
            }
            try (Progress progress = Progress.forTerminal(out, "check", (long) tries * selected.size())) {
                result = campaign.runTries(tries, progress);
            }
        }
        Summary.print(out, result);
        if (report != null) {
            ReportWriter.write(report, result);
            out.println("report written to " + report);
        }
        return result.passed() ? Main.PASSED : Main.FAILED;
    }
}
