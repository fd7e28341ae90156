package io.vtdoracle.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The shards of one campaign ({@code check --shard K/N}, same seed and budget) merged into one result: counts,
 * commands, time and labels summed, seeds and failures joined, a property failed if it failed in any shard.
 */
final class ReportMerge {

    private ReportMerge() {
    }

    /** Merges {@code results}, read from {@code files} (named in errors). */
    static CampaignResult merge(List<Path> files, List<CampaignResult> results) {
        CampaignResult first = results.get(0);
        TreeSet<Integer> shards = new TreeSet<>();
        Map<String, List<SuiteResult>> byProperty = new LinkedHashMap<>();
        double seconds = 0;
        long commands = 0;
        for (int i = 0; i < results.size(); i++) {
            CampaignResult r = results.get(i);
            same(files.get(i), "seed", r.seed(), first.seed(), files.get(0));
            same(files.get(i), "budget", r.budget(), first.budget(), files.get(0));
            same(files.get(i), "implementation", r.implementation(), first.implementation(), files.get(0));
            same(files.get(i), "shard count", r.shardCount(), first.shardCount(), files.get(0));
            for (int shard : r.shards()) {
                if (!shards.add(shard)) {
                    throw new BadArgument("report " + files.get(i) + " covers shard " + shard + "/" + r.shardCount()
                            + ", which an earlier report covers too");
                }
            }
            seconds += r.seconds();
            commands += r.commands();
            r.properties().forEach(p -> byProperty.computeIfAbsent(p.name(), n -> new ArrayList<>()).add(p));
        }
        List<SuiteResult> properties = new ArrayList<>();
        byProperty.values().forEach(parts -> properties.add(property(parts)));
        return new CampaignResult(first.seed(), first.budget(), first.implementation(), seconds, commands,
                List.copyOf(shards), first.shardCount(), properties);
    }

    /** The shards of {@code result}'s campaign that it does not cover. */
    static List<Integer> missing(CampaignResult result) {
        List<Integer> missing = new ArrayList<>();
        for (int k = 1; k <= result.shardCount(); k++) {
            if (!result.shards().contains(k)) {
                missing.add(k);
            }
        }
        return missing;
    }

    private static SuiteResult property(List<SuiteResult> parts) {
        long cases = 0;
        long invalid = 0;
        long commands = 0;
        double seconds = 0;
        List<Long> seeds = new ArrayList<>();
        List<FailureReport> failures = new ArrayList<>();
        Map<String, Long> labels = new TreeMap<>();
        for (SuiteResult p : parts) {
            cases += p.cases();
            invalid += p.invalid();
            commands += p.commands();
            seconds += p.seconds();
            seeds.addAll(p.seeds());
            failures.addAll(p.failures());
            p.labels().forEach((label, count) -> labels.merge(label, count, Long::sum));
        }
        boolean passed = parts.stream().allMatch(SuiteResult::passed);
        SuiteResult first = parts.get(0);
        return new SuiteResult(first.name(), first.claim(), passed ? "PASSED" : "FAILED", cases, invalid, commands,
                seconds, seeds, failures, labels);
    }

    private static void same(Path file, String what, Object value, Object expected, Path firstFile) {
        if (!value.equals(expected)) {
            throw new BadArgument("report " + file + " has " + what + " " + value + " but " + firstFile + " has "
                    + expected + ": they are not shards of one campaign");
        }
    }
}
