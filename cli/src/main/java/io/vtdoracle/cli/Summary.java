package io.vtdoracle.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The console summary: a statistics table per property, the top labels, failures, and the verdict. */
final class Summary {

    private Summary() {
    }

    static void print(PrintStream out, CampaignResult result) {
        out.println();
        out.printf(Locale.ROOT, "%-20s %-8s %9s %8s %10s %8s%n", "property", "result", "cases", "invalid", "commands",
                "seconds");
        for (SuiteResult p : result.properties()) {
            out.printf(Locale.ROOT, "%-20s %-8s %9d %8d %10d %8.1f%n", p.name(), p.outcome(),
                    p.cases(), p.invalid(), p.commands(), p.seconds());
        }
        out.printf(Locale.ROOT, "%d commands in %.1f s: %.0f commands/s; seed %d (%s)%s%n", result.commands(),
                result.seconds(), result.commandsPerSecond(), result.seed(), result.budget(),
                result.shardText().isEmpty() ? "" : "; " + result.shardText());
        for (SuiteResult p : result.properties()) {
            out.println();
            out.println("labels of " + p.name() + " (share of cases):");
            for (Map.Entry<String, Long> e : top(p.labels(), 12)) {
                out.printf(Locale.ROOT, "  %-32s %7d %6.1f%%%n", e.getKey(), e.getValue(),
                        p.cases() == 0 ? 0 : 100.0 * e.getValue() / p.cases());
            }
        }
        for (SuiteResult p : result.properties()) {
            for (FailureReport failure : p.failures()) {
                out.println();
                out.println(failure.text());
            }
        }
        out.println();
        out.println(result.verdict());
    }

    static List<Map.Entry<String, Long>> top(Map<String, Long> labels, int n) {
        List<Map.Entry<String, Long>> rows = new ArrayList<>(labels.entrySet());
        rows.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        return rows.subList(0, Math.min(n, rows.size()));
    }
}
