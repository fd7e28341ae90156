package io.vtdoracle.qemu;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Operation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of a conformance campaign: operations judged per kind and how many agreed, known divergences by id, new
 * divergences, QEMU start-ups, skipped operations. Shared by every case of a run (shrinking included).
 */
public final class CampaignStats {

    /** The operation kinds the report distinguishes. */
    public static final List<String> KINDS = List.of("register write", "register read", "memory write",
            "memory read", "DMA read", "DMA write", "interrupt");

    private final Map<String, long[]> perKind = new LinkedHashMap<>();
    private final Map<String, Integer> known = new TreeMap<>();
    private final Map<String, String> knownExample = new TreeMap<>();
    private final List<String> fresh = new ArrayList<>();
    private final List<String> knownDetails = new ArrayList<>();
    private final Map<String, Integer> underAmbiguity = new TreeMap<>();
    private final Map<String, Traffic> traffic = new LinkedHashMap<>();
    private final Map<String, Long> trafficCounts = new LinkedHashMap<>();
    private long judgeNanos;
    private long cases;
    private long qemuStarts;
    private long qemuStartNanos;
    private long skippedUnsafe;
    private long ambiguous;
    private long died;

    public CampaignStats() {
        KINDS.forEach(k -> perKind.put(k, new long[2]));
    }

    /** The kind {@code operation} is counted under. */
    public static String kind(Operation operation) {
        if (operation instanceof Operation.WriteRegister) {
            return "register write";
        }
        if (operation instanceof Operation.ReadRegister) {
            return "register read";
        }
        if (operation instanceof Operation.WriteMemory) {
            return "memory write";
        }
        if (operation instanceof Operation.ReadMemory) {
            return "memory read";
        }
        if (operation instanceof Operation.DmaRequest) {
            return ((Operation.DmaRequest) operation).access() == Access.READ ? "DMA read" : "DMA write";
        }
        return "interrupt";
    }

    synchronized void judged(Operation operation, boolean agreed) {
        long[] counts = perKind.computeIfAbsent(kind(operation), k -> new long[2]);
        counts[0]++;
        if (agreed) {
            counts[1]++;
        }
    }

    /** The traffic key of register and memory accesses, sent in batches. */
    static final String ACCESSES = "register/memory access";
    /** The traffic key of the reset between cases. */
    static final String RESET = "reset";

    /**
     * What {@code count} operations of kind {@code kind} ({@link #kind}, {@link #ACCESSES} or {@link #RESET})
     * took over qtest.
     */
    synchronized void traffic(String kind, int count, Traffic spent) {
        traffic.merge(kind, spent, Traffic::plus);
        trafficCounts.merge(kind, (long) count, Long::sum);
    }

    /** Time the model took to judge a step. */
    synchronized void judgedIn(long nanos) {
        judgeNanos += nanos;
    }

    /** A step the model admitted only under another reading of an open point of the specification. */
    synchronized void acceptedUnder(List<String> readings) {
        readings.forEach(reading -> underAmbiguity.merge(reading, 1, Integer::sum));
    }

    /** How many steps were accepted only under each ambiguity's other reading. */
    public synchronized Map<String, Integer> underAmbiguityCounts() {
        return new TreeMap<>(underAmbiguity);
    }

    synchronized void known(String id, String example, String divergence) {
        known.merge(id, 1, Integer::sum);
        knownExample.putIfAbsent(id, example);
        if (knownDetails.size() < 400) {
            knownDetails.add("[" + id + "] " + divergence);
        }
    }

    /** The first 400 known divergences met, in full (for the report's appendix). */
    public synchronized List<String> knownDetails() {
        return List.copyOf(knownDetails);
    }

    synchronized void fresh(String divergence) {
        fresh.add(divergence);
    }

    synchronized void caseStarted() {
        cases++;
    }

    synchronized void qemuStarted(long nanos) {
        qemuStarts++;
        qemuStartNanos += nanos;
    }

    synchronized void skippedUnsafe() {
        skippedUnsafe++;
    }

    synchronized void ambiguous() {
        ambiguous++;
    }

    synchronized void died() {
        died++;
    }

    public synchronized long steps() {
        return perKind.values().stream().mapToLong(c -> c[0]).sum();
    }

    public synchronized long cases() {
        return cases;
    }

    public synchronized Map<String, Integer> knownCounts() {
        return new TreeMap<>(known);
    }

    public synchronized List<String> freshDivergences() {
        return List.copyOf(fresh);
    }

    private String trafficReport(long millis) {
        StringBuilder text = new StringBuilder("  qtest round trips (commands, ms waiting) per operation sent:");
        Traffic total = Traffic.NONE;
        for (Map.Entry<String, Traffic> e : traffic.entrySet()) {
            Traffic t = e.getValue();
            total = total.plus(t);
            long n = trafficCounts.get(e.getKey());
            text.append(String.format(Locale.ROOT, " %s %.2f (%.1f, %.2f);", e.getKey(), (double) t.roundTrips() / n,
                    (double) t.commands() / n, t.waitNanos() / 1e6 / n));
        }
        text.append('\n');
        Traffic resets = traffic.getOrDefault(RESET, Traffic.NONE);
        text.append(String.format(Locale.ROOT, "  time: waiting for QEMU %.1f s (resets %.1f s), judging %.1f s,"
                + " the rest (generation, shrinking, start-ups) %.1f s; %d lines received%n", total.waitNanos() / 1e9,
                resets.waitNanos() / 1e9, judgeNanos / 1e9,
                Math.max(0, millis / 1e3 - total.waitNanos() / 1e9 - judgeNanos / 1e9), total.lines()));
        return text.toString();
    }

    /** A readable table of the run. */
    public synchronized String report(long millis) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "QEMU conformance campaign: %d cases, %d operations judged, %.1f s"
                + " (%d QEMU start-ups, %.0f ms each on average)%n", cases, steps(), millis / 1000.0, qemuStarts,
                qemuStarts == 0 ? 0.0 : qemuStartNanos / 1e6 / qemuStarts));
        text.append(String.format(Locale.ROOT, "  %-15s %9s %9s %9s%n", "operation", "judged", "agreed", "rate"));
        for (Map.Entry<String, long[]> e : perKind.entrySet()) {
            long[] c = e.getValue();
            text.append(String.format(Locale.ROOT, "  %-15s %9d %9d %8.3f%%%n", e.getKey(), c[0], c[1],
                    c[0] == 0 ? 100.0 : 100.0 * c[1] / c[0]));
        }
        text.append(String.format(Locale.ROOT, "  skipped DMA (model's target is MMIO, unsafe to write): %d;"
                + " ambiguous (model too broad to follow): %d; QEMU died: %d%n", skippedUnsafe, ambiguous, died));
        text.append(trafficReport(millis));
        text.append("  steps accepted only under an ambiguity (docs/ambiguities.md): ")
                .append(underAmbiguity.values().stream().mapToInt(Integer::intValue).sum()).append('\n');
        underAmbiguity.forEach((reading, n) -> text.append(String.format(Locale.ROOT, "    %6d   %s%n", n, reading)));
        text.append("  known divergences (cases stopped at them):").append(known.isEmpty() ? " none" : "")
                .append('\n');
        known.forEach((id, n) -> text.append(String.format(Locale.ROOT, "    %-10s %6d   e.g. %s%n", id, n,
                knownExample.get(id))));
        text.append("  NEW divergences (cases failing, shrinking included): ").append(fresh.size()).append('\n');
        return text.toString();
    }
}
