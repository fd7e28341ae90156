package io.vtdoracle.cli;

import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.check.Falsification;
import io.vtdoracle.check.Property;
import io.vtdoracle.check.PropertyFalsified;
import io.vtdoracle.check.Report;
import io.vtdoracle.oracle.Oracle;
import io.vtdoracle.properties.Suite;
import io.vtdoracle.properties.lockstep.LockstepMachine;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs the selected properties against one implementation: either {@code tries} cases per property, in batches of
 * at least 100 cases (so coverage is checked on each), or, under a time budget, in rounds: each round runs one batch
 * of every property, the first round {@value #FIRST_BATCH} cases each and every round twice the last, up to
 * {@value #BATCH}, and never more than its property's share of the time left. So every property runs within the
 * first seconds, the one that detects a fault gets its turn early, and the later batches are large enough (100
 * cases or more) for their coverage to be checked. Batch k of a property runs with seed
 * {@link BatchSeeds#of(long, int) BatchSeeds.of(seed, k)}; a {@link Shard} runs only its own batches.
 */
final class Campaign {

    private static final int BATCH = 200;
    /** Under a time budget, the batch of the first round and the smallest batch. */
    private static final int FIRST_BATCH = 5;

    private final List<Suite> suites;
    private final RemappingUnit.Factory factory;
    private final long seed;
    private final Path failureDir;
    private final boolean failFast;
    private final ReplayUnit unit;
    private final Oracle.Judging judging;
    private final Shard shard;
    private final CliRerun rerun;

    /**
     * A campaign over {@code suites} against units of {@code factory} (named and pinned as {@code unit} says),
     * refinement judged as {@code judging} says; with {@code failFast} it ends at the first property that fails.
     */
    Campaign(List<Suite> suites, RemappingUnit.Factory factory, ReplayUnit unit, long seed, Path failureDir,
             boolean failFast, Oracle.Judging judging) {
        this(suites, factory, unit, seed, failureDir, failFast, judging, Shard.ALL,
                new CliRerun(CliRerun.LAUNCHER + " check --seed " + seed, seed));
    }

    private Campaign(List<Suite> suites, RemappingUnit.Factory factory, ReplayUnit unit, long seed, Path failureDir,
                     boolean failFast, Oracle.Judging judging, Shard shard, CliRerun rerun) {
        this.judging = judging;
        this.suites = List.copyOf(suites);
        this.factory = factory;
        this.unit = unit;
        this.seed = seed;
        this.failureDir = failureDir;
        this.failFast = failFast;
        this.shard = shard;
        this.rerun = rerun;
    }

    /** This campaign running only the batches of {@code part}. */
    Campaign sharded(Shard part) {
        return new Campaign(suites, factory, unit, seed, failureDir, failFast, judging, part, rerun);
    }

    /** This campaign telling users to re-run a failure with {@code checkCommand} plus {@code --suite NAME}. */
    Campaign rerunWith(String checkCommand) {
        return new Campaign(suites, factory, unit, seed, failureDir, failFast, judging, shard,
                new CliRerun(checkCommand, seed));
    }

    /** Mutable tally of one property. */
    private static final class Tally {
        final Suite suite;
        long cases;
        long invalid;
        long commands;
        double seconds;
        final List<Long> seeds = new ArrayList<>();
        final List<FailureReport> failures = new ArrayList<>();
        final Map<String, Long> labels = new TreeMap<>();

        Tally(Suite suite) {
            this.suite = suite;
        }

        boolean failed() {
            return !failures.isEmpty();
        }

        SuiteResult result() {
            return new SuiteResult(suite.name(), suite.claim(), failed() ? "FAILED" : "PASSED", cases, invalid,
                    commands, seconds, seeds, failures, labels);
        }
    }

    /** When a campaign started, in wall time and in CPU time of its thread. */
    private record Start(long wall, long cpu) {

        /** Now; the CPU clock is read first, its first reading being slow (the wall clock starts after it). */
        static Start now() {
            long cpu = cpuNanos();
            return new Start(System.nanoTime(), cpu);
        }

        /** CPU time of this thread, or wall time where the JVM cannot measure it. */
        static long cpuNanos() {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : System.nanoTime();
        }
    }

    CampaignResult runTries(int tries, Progress progress) {
        List<Tally> tallies = tallies();
        List<Integer> sizes = batchSizes(tries);
        long mine = 0;
        for (int k = 0; k < sizes.size(); k++) {
            mine += shard.owns(k) ? sizes.get(k) : 0;
        }
        long total = mine * suites.size();
        long done = 0;
        Start began = Start.now();
        for (Tally t : tallies) {
            long left = mine;
            for (int k = 0; k < sizes.size() && !t.failed(); k++) {
                if (shard.owns(k)) {
                    runBatch(t, sizes.get(k), k, tallies, began);
                    left -= sizes.get(k);
                    done += sizes.get(k);
                    progress.update(done, total, t.suite.name() + " " + (t.failed() ? "FAILED" : "ok"));
                }
            }
            done += left;
            if (failFast && t.failed()) {
                break;
            }
        }
        return result(tallies, began.wall(), tries + " tries per property");
    }

    /** Batches of {@link #BATCH} cases, the last one taking up a remainder below another full batch. */
    private static List<Integer> batchSizes(int tries) {
        List<Integer> sizes = new ArrayList<>();
        for (int left = tries; left > 0; ) {
            int batch = left < 2 * BATCH ? left : BATCH;
            sizes.add(batch);
            left -= batch;
        }
        return sizes;
    }

    CampaignResult runFor(Duration budget, Progress progress) {
        List<Tally> tallies = tallies();
        Start began = Start.now();
        long start = began.wall();
        long end = start + budget.toNanos();
        long totalSeconds = Math.max(1, budget.toSeconds());
        int round = 0;
        for (int k = shard.index() - 1; System.nanoTime() < end; k += shard.count(), round++) {
            boolean any = false;
            for (int i = 0; i < tallies.size(); i++) {
                Tally t = tallies.get(i);
                long now = System.nanoTime();
                if (t.failed() || now >= end) {
                    continue;
                }
                any = true;
                runBatch(t, batchFitting(t, round, (end - now) / (tallies.size() - i)), k, tallies, began);
                long elapsed = (System.nanoTime() - start) / 1_000_000_000L;
                progress.update(Math.min(elapsed, totalSeconds), totalSeconds,
                        t.suite.name() + " " + t.cases + " cases" + (t.failed() ? " FAILED" : ""));
                if (failFast && t.failed()) {
                    return result(tallies, start, "stopped at the first failure");
                }
            }
            if (!any) {
                break;
            }
        }
        return result(tallies, start, "time " + budget.toString().substring(2).toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * The batch of {@code round} ({@value #FIRST_BATCH} cases doubled each round, up to {@link #BATCH}), cut to
     * what fits {@code slice} nanoseconds at {@code t}'s cost per case so far, but never below {@value #FIRST_BATCH}.
     */
    private static int batchFitting(Tally t, int round, long slice) {
        int ramp = (int) Math.min(BATCH, (long) FIRST_BATCH << Math.min(round, 30));
        if (t.cases == 0) {
            return FIRST_BATCH;
        }
        double nanosPerCase = t.seconds * 1e9 / t.cases;
        return (int) Math.max(FIRST_BATCH, Math.min(ramp, slice / Math.max(1.0, nanosPerCase)));
    }

    private List<Tally> tallies() {
        List<Tally> tallies = new ArrayList<>();
        suites.forEach(s -> tallies.add(new Tally(s)));
        return tallies;
    }

    /**
     * Runs batch {@code k} of {@code t}'s property, {@code tries} cases; a failure records the campaign's cases
     * (every tally's) and seconds (wall and CPU) since {@code began} until the failing case.
     */
    private void runBatch(Tally t, int tries, int k, List<Tally> tallies, Start began) {
        long batchSeed = BatchSeeds.of(seed, k);
        Property property = t.suite.property("", true).tries(tries).seed(batchSeed).failureDir(failureDir)
                .ignoreSystemProperties();
        long commandsBefore = LockstepMachine.commandsRun();
        long start = System.nanoTime();
        long cpuStart = Start.cpuNanos();
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            Report report = unit.capabilities().isPresent()
                    ? t.suite.check(property, factory, judging, unit.capabilities().get())
                    : t.suite.check(property, factory, judging);
            t.cases += report.validCases();
            t.invalid += report.invalidCases();
            report.statistics().counts().forEach((label, count) -> t.labels.merge(label, (long) count, Long::sum));
        } catch (PropertyFalsified falsified) {
            Falsification f = falsified.falsification();
            t.cases += f.validCases();
            t.invalid += f.invalidCases();
            long cases = tallies.stream().mapToLong(other -> other.cases).sum();
            double seconds = (start - began.wall()) / 1e9 + f.searchSeconds();
            double cpuSeconds = (cpuStart - began.cpu()) / 1e9 + f.searchCpuSeconds();
            t.failures.add(FailureReport.of(f, rerun, cases, seconds, cpuSeconds));
            unit.writeBeside(failureDir, t.suite.name());
        } catch (AssertionError unmet) {
            t.failures.add(FailureReport.of(t.suite.name(), unmet.getMessage()));
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
        return new CampaignResult(seed, budget, unit.unit(), (System.nanoTime() - start) / 1e9, commands,
                List.of(shard.index()), shard.count(), results);
    }
}
