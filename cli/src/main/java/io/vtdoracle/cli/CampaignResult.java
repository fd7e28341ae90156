package io.vtdoracle.cli;

import java.util.List;

/**
 * A whole campaign (or the merged shards of one): its seed, its budget, each property's result, and the verdict.
 *
 * @param shards     the shards this result covers (from 1)
 * @param shardCount the number of shards the campaign was split into (1: not split)
 */
public record CampaignResult(long seed, String budget, String implementation, double seconds, long commands,
                             List<Integer> shards, int shardCount, List<SuiteResult> properties) {

    public CampaignResult {
        shards = List.copyOf(shards);
        properties = List.copyOf(properties);
    }

    public boolean passed() {
        return properties.stream().allMatch(SuiteResult::passed);
    }

    public String verdict() {
        long failed = properties.stream().filter(p -> !p.passed()).count();
        long notRun = properties.stream().filter(p -> !p.ran()).count();
        if (failed > 0) {
            return "FAIL: " + failed + " of " + properties.size() + " properties falsified";
        }
        return notRun == 0 ? "PASS: all " + properties.size() + " properties held"
                : "PASS: " + (properties.size() - notRun) + " of " + properties.size() + " properties held; " + notRun
                        + " not run (the budget ended first: give more --time)";
    }

    public double commandsPerSecond() {
        return seconds <= 0 ? 0 : commands / seconds;
    }

    /** "shard 2/4", "shards 1, 2, 4 of 4", or "" for a campaign not split. */
    public String shardText() {
        if (shardCount == 1) {
            return "";
        }
        return shards.size() == 1 ? "shard " + shards.get(0) + "/" + shardCount
                : "shards " + shards.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("") + " of "
                        + shardCount;
    }
}
