package io.vtdoracle.cli;

import java.util.Map;

/**
 * What one property did in a campaign.
 *
 * @param name     the property
 * @param claim    what it says
 * @param status   PASSED or FAILED
 * @param cases    valid cases run
 * @param invalid  invalid cases
 * @param commands commands run
 * @param seconds  wall time
 * @param seeds    the seeds of its runs, in order
 * @param failure  the counterexample and how to replay it, or null
 * @param labels   label counts over all its cases
 */
public record SuiteResult(String name, String claim, String status, long cases, long invalid, long commands,
                          double seconds, java.util.List<Long> seeds, String failure, Map<String, Long> labels) {

    public boolean passed() {
        return "PASSED".equals(status);
    }
}
