package io.vtdoracle.check;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Label counts of a run: each valid (or failing) case counts once under each of its labels.
 * Printed as a table (label, count, share); checked against coverage requirements.
 */
public final class Statistics {

    /**
     * A coverage requirement: the generators give {@code label} to at least {@code minShare} (0..1) of the valid
     * cases. A run judges it by its count: see {@link #unmet}.
     */
    public record Coverage(String label, double minShare) {
        /** Checks the share is in 0..1. */
        public Coverage {
            if (!(minShare >= 0 && minShare <= 1)) {
                throw new IllegalArgumentException("share must be in [0, 1]: " + minShare);
            }
        }
    }

    private final TreeMap<String, Integer> counts = new TreeMap<>();
    private int cases;

    void record(Collection<String> labels) {
        cases++;
        for (String label : labels) {
            counts.merge(label, 1, Integer::sum);
        }
    }

    /** How many cases were counted. */
    public int cases() {
        return cases;
    }

    /** Cases labelled {@code label}. */
    public int count(String label) {
        return counts.getOrDefault(label, 0);
    }

    /** Share (0..1) of cases labelled {@code label}. */
    public double share(String label) {
        return cases == 0 ? 0 : (double) count(label) / cases;
    }

    /** All counts by label, in label order. */
    public SortedMap<String, Integer> counts() {
        return Collections.unmodifiableSortedMap(counts);
    }

    /**
     * The table, most frequent label first (ties by label), e.g.
     * <pre>
     * label      count  share
     * fault=6       12  12.0%
     * </pre>
     * Empty if no case had a label.
     */
    public String table() {
        if (counts.isEmpty()) {
            return "";
        }
        List<Map.Entry<String, Integer>> rows = new ArrayList<>(counts.entrySet());
        rows.sort(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
                .reversed().thenComparing(Map.Entry::getKey));
        int width = "label".length();
        for (Map.Entry<String, Integer> row : rows) {
            width = Math.max(width, row.getKey().length());
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-" + width + "s  %7s  %6s%n", "label", "count", "share"));
        for (Map.Entry<String, Integer> row : rows) {
            sb.append(String.format(java.util.Locale.ROOT, "%-" + width + "s  %7d  %5.1f%%%n",
                    row.getKey(), row.getValue(), 100.0 * row.getValue() / cases));
        }
        return sb.toString();
    }

    /**
     * Below this chance a count is taken as proof that the generators miss a requirement: a run whose generators do
     * reach the required share fails on that requirement in fewer than 1 of 1,000 runs.
     */
    static final double FALSE_ALARM = 1e-3;

    /**
     * The first unmet requirement as a message, if any. Nothing is checked (empty) when fewer than
     * {@code minCases} cases ran. A requirement is unmet when its label's count is lower than the required share
     * of the cases <em>and</em> so low that generators reaching that share give a count as low in fewer than
     * {@link #FALSE_ALARM} of runs (a one-sided binomial test): a count a little below the share is chance, as is
     * no case at all of a rare label in a short run; a label the generators lost shows in a long enough one.
     */
    Optional<String> unmet(List<Coverage> requirements, int minCases) {
        if (cases < minCases) {
            return Optional.empty();
        }
        for (Coverage c : requirements) {
            if (share(c.label()) < c.minShare() && atMost(count(c.label()), cases, c.minShare()) < FALSE_ALARM) {
                return Optional.of(String.format(java.util.Locale.ROOT,
                        "coverage requirement not met: label '%s' in %d of %d cases (%.1f%%),"
                                + " required at least %.1f%% (so few happen by chance in fewer than 1 of %,d runs)",
                        c.label(), count(c.label()), cases, 100 * share(c.label()),
                        100 * c.minShare(), Math.round(1 / FALSE_ALARM)));
            }
        }
        return Optional.empty();
    }

    /** P(X ≤ k) for X binomial with {@code n} trials of chance {@code p} (0 < p < 1), summed in log space. */
    static double atMost(int k, int n, double p) {
        if (p <= 0) {
            return 1;
        }
        if (p >= 1) {
            return k >= n ? 1 : 0;
        }
        double logTerm = n * Math.log1p(-p);
        double oddsLog = Math.log(p) - Math.log1p(-p);
        double sum = Math.exp(logTerm);
        for (int i = 0; i < k && i < n; i++) {
            logTerm += Math.log((double) (n - i) / (i + 1)) + oddsLog;
            sum += Math.exp(logTerm);
        }
        return Math.min(1, sum);
    }
}
