package io.vtdoracle.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code merge-reports}: the JSON reports of a campaign's shards as one report. */
@Command(name = "merge-reports", mixinStandardHelpOptions = true,
        description = "Merges the JSON reports of the shards of one campaign (check --shard K/N --report F.json,"
                + " same seed and budget) into one.%n"
                + "Exit code 0: every property held in every shard; 1: a property failed; 2: bad arguments.")
final class MergeReportsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "REPORT", description = "the shards' reports (.json)")
    List<Path> reports = new ArrayList<>();

    @Option(names = "--report", paramLabel = "FILE", description = "write the merged report: FILE.md or FILE.json")
    Path report;

    @Override
    public Integer call() throws Exception {
        CommandLine cli = spec.commandLine();
        if (report != null) {
            CheckCommand.checkReportPath(cli, report);
        }
        List<CampaignResult> results = new ArrayList<>();
        for (Path file : reports) {
            results.add(ReportReader.read(file));
        }
        CampaignResult merged = ReportMerge.merge(reports, results);
        Summary.print(System.out, merged);
        List<Integer> missing = ReportMerge.missing(merged);
        if (!missing.isEmpty()) {
            cli.getErr().println("warning: shards " + missing + " of " + merged.shardCount()
                    + " are missing: the merged report covers part of the campaign");
        }
        if (report != null) {
            ReportWriter.write(report, merged);
            cli.getErr().println("report written to " + report);
        }
        return merged.passed() ? Main.PASSED : Main.FAILED;
    }
}
