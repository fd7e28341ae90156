package io.vtdoracle.cli;

import java.util.List;
import java.util.Map;

/**
 * What one property did in a campaign (or in the shards of one, merged).
 *
 * @param name     the property
 * @param claim    what it says
 * @param status   PASSED or FAILED
 * @param cases    valid cases tried, a failing one included
 * @param invalid  invalid cases
 * @param commands commands run
 * @param seconds  time spent
 * @param seeds    the seeds of its batches, in order
 * @param failures its counterexamples (one per failing run), empty if it held
 * @param labels   label counts over all its cases
 */
public record SuiteResult(String name, String claim, String status, long cases, long invalid, long commands,
                          double seconds, List<Long> seeds, List<FailureReport> failures, Map<String, Long> labels) {

    public SuiteResult {
        seeds = List.copyOf(seeds);
        failures = List.copyOf(failures);
        labels = Map.copyOf(labels);
    }

    public boolean passed() {
        return "PASSED".equals(status);
    }

    /** Whether any case ran (a short time budget may end before a property's turn). */
    public boolean ran() {
        return cases > 0 || !passed();
    }

    /** The result as a word: passed, FAILED, or not run. */
    public String outcome() {
        return !passed() ? "FAILED" : ran() ? "passed" : "not run";
    }
}
