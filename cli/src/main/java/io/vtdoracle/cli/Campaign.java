package io.vtdoracle.cli;

import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.check.Property;
import io.vtdoracle.check.Report;
import io.vtdoracle.oracle.Oracle;
import io.vtdoracle.properties.Suite;
import io.vtdoracle.properties.lockstep.LockstepMachine;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs the selected properties against one implementation, in batches of at least 100 cases (so coverage is
 * checked on each): either {@code tries} cases per property, or round-robin until the time budget is spent.
 * Batch k of a property runs with seed {@code seed + k}.
 */
final class Campaign {

    private static final int BATCH = 200;

    private final List<Suite> suites;
    private final RemappingUnit.Factory factory;
    private final long seed;
    private final Path failureDir;
    private final boolean failFast;
    private final Oracle.Judging judging;

    /** A campaign over {@code suites}; with {@code failFast} it ends at the first property that fails. */
    Campaign(List<Suite> suites, RemappingUnit.Factory factory, long seed, Path failureDir, boolean failFast) {
        this(suites, factory, seed, failureDir, failFast, Oracle.Judging.DEFAULT);
    }

    /** The same, refinement judged as {@code judging} says. */
    Campaign(List<Suite> suites, RemappingUnit.Factory factory, long seed, Path failureDir, boolean failFast,
             Oracle.Judging judging) {
        this.judging = judging;
        this.suites = List.copyOf(suites);
        this.factory = factory;
        this.seed = seed;
        this.failureDir = failureDir;
        this.failFast = failFast;
    }

    /** Mutable tally of one property. */
    private static final class Tally {
        final Suite suite;
        long cases;
        long invalid;
        long commands;
        double seconds;
        final List<Long> seeds = new ArrayList<>();
        String failure;
        final Map<String, Long> labels = new TreeMap<>();

        Tally(Suite suite) {
            this.suite = suite;
        }

        SuiteResult result() {
            return new SuiteResult(suite.name(), suite.claim(), failure == null ? "PASSED" : "FAILED", cases, invalid,
                    commands, seconds, List.copyOf(seeds), failure, new LinkedHashMap<>(labels));
        }
    }

    CampaignResult runTries(int tries, Progress progress) {
        List<Tally> tallies = tallies();
        long total = (long) tries * suites.size();
        long done = 0;
        long start = System.nanoTime();
        for (Tally t : tallies) {
            int left = tries;
            for (int k = 0; left > 0 && t.failure == null; k++) {
                int batch = left < 2 * BATCH ? left : BATCH;
                runBatch(t, batch, k);
                left -= batch;
                done += batch;
                progress.update(done, total, t.suite.name() + " " + (t.failure == null ? "ok" : "FAILED"));
            }
            done += Math.max(0, left);
            if (failFast && t.failure != null) {
                break;
            }
        }
        return result(tallies, start, tries + " tries per property");
    }

    CampaignResult runFor(Duration budget, Progress progress) {
        List<Tally> tallies = tallies();
        long start = System.nanoTime();
        long end = start + budget.toNanos();
        long totalSeconds = Math.max(1, budget.toSeconds());
        for (int k = 0; System.nanoTime() < end; k++) {
            boolean any = false;
            for (Tally t : tallies) {
                if (t.failure != null || System.nanoTime() >= end) {
                    continue;
                }
                any = true;
                runBatch(t, BATCH, k);
                long elapsed = (System.nanoTime() - start) / 1_000_000_000L;
                progress.update(Math.min(elapsed, totalSeconds), totalSeconds,
                        t.suite.name() + " " + t.cases + " cases" + (t.failure == null ? "" : " FAILED"));
                if (failFast && t.failure != null) {
                    return result(tallies, start, "stopped at the first failure");
                }
            }
            if (!any) {
                break;
            }
        }
        return result(tallies, start, "time " + budget.toString().substring(2).toLowerCase(java.util.Locale.ROOT));
    }

    private List<Tally> tallies() {
        List<Tally> tallies = new ArrayList<>();
        suites.forEach(s -> tallies.add(new Tally(s)));
        return tallies;
    }

    private void runBatch(Tally t, int tries, int k) {
        long batchSeed = seed + k;
        Property property = t.suite.property("", true).tries(tries).seed(batchSeed).failureDir(failureDir)
                .ignoreSystemProperties();
        long commandsBefore = LockstepMachine.commandsRun();
        long start = System.nanoTime();
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            Report report = t.suite.check(property, factory, judging);
            t.cases += report.validCases();
            t.invalid += report.invalidCases();
            report.statistics().counts().forEach((label, count) -> t.labels.merge(label, (long) count, Long::sum));
        } catch (AssertionError failure) {
            t.failure = failure.getMessage();
        } finally {
            System.setOut(out);
            t.seeds.add(batchSeed);
            t.seconds += (System.nanoTime() - start) / 1e9;
            t.commands += LockstepMachine.commandsRun() - commandsBefore;
        }
    }

    private CampaignResult result(List<Tally> tallies, long start, String budget) {
        List<SuiteResult> results = new ArrayList<>();
        tallies.forEach(t -> results.add(t.result()));
        long commands = results.stream().mapToLong(SuiteResult::commands).sum();
        return new CampaignResult(seed, budget, "FastRemappingUnit", (System.nanoTime() - start) / 1e9, commands,
                results);
    }
}
