package io.vtdoracle.cli;

import java.util.List;

/** A whole campaign: its seed, its budget, each property's result, and the verdict. */
public record CampaignResult(long seed, String budget, String implementation, double seconds, long commands,
                             List<SuiteResult> properties) {

    public boolean passed() {
        return properties.stream().allMatch(SuiteResult::passed);
    }

    public String verdict() {
        long failed = properties.stream().filter(p -> !p.passed()).count();
        return failed == 0 ? "PASS: all " + properties.size() + " properties held"
                : "FAIL: " + failed + " of " + properties.size() + " properties falsified";
    }

    public double commandsPerSecond() {
        return seconds <= 0 ? 0 : commands / seconds;
    }
}
