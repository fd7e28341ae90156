package io.vtdoracle.check;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.SplittableRandom;

/**
 * Runs a body: generates cases from the seed until one fails or enough valid cases passed, then
 * shrinks the failure and replays the minimal case once more, recording its notes for the report.
 */
final class Engine {

    /**
     * What a run found.
     *
     * @param seed         the seed the run used
     * @param valid        valid (and failing) cases generated
     * @param invalid      invalid or overrun cases generated
     * @param statistics   labels of the valid cases
     * @param minimal      the shrunk failing case, replayed with notes; null if none failed
     * @param original     the first failing case found; null if none failed
     * @param shrinkCalls  body calls while shrinking
     * @param shrinks      improvements found while shrinking
     * @param searchMillis time spent generating until the failing case had failed (or until the run ended)
     * @param searchCpuMillis the same in CPU time of the running thread (wall time where the JVM cannot tell)
     * @param shrinkMillis time spent shrinking
     * @param shrinkCut    true if a shrink budget ran out
     * @param gaveUp       true if too many cases were invalid to reach the tries
     */
    record Outcome(long seed, int valid, int invalid, Statistics statistics, Execution minimal,
                   Execution original, int shrinkCalls, int shrinks, long searchMillis, long searchCpuMillis,
                   long shrinkMillis,
                   boolean shrinkCut, boolean gaveUp) {

        boolean failed() {
            return minimal != null;
        }
    }

    private Engine() {
    }

    /** Generates, and shrinks any failure; {@code settings} must be resolved (seed set). */
    static Outcome run(TestBody body, Settings settings) {
        long seed = settings.seed();
        long start = System.nanoTime();
        long cpuStart = cpuNanos();
        SplittableRandom random = new SplittableRandom(seed);
        Statistics statistics = new Statistics();
        int valid = 0;
        int invalid = 0;
        long maxInvalid = Math.max(1000L, 10L * settings.tries());
        while (valid < settings.tries() && invalid < maxInvalid) {
            TestCase tc = TestCase.generating(random.split(), settings.maxChoices());
            Execution e = Execution.run(body, tc);
            if (e.status() == Status.INVALID || e.status() == Status.OVERRUN) {
                invalid++;
                continue;
            }
            valid++;
            statistics.record(e.labels());
            if (e.status() == Status.INTERESTING) {
                long searchMillis = (System.nanoTime() - start) / 1_000_000;
                long searchCpuMillis = (cpuNanos() - cpuStart) / 1_000_000;
                return shrink(body, settings, e, valid, invalid, statistics, searchMillis, searchCpuMillis);
            }
        }
        return new Outcome(seed, valid, invalid, statistics, null, null, 0, 0,
                (System.nanoTime() - start) / 1_000_000, (cpuNanos() - cpuStart) / 1_000_000, 0, false,
                valid < settings.tries());
    }

    private static Outcome shrink(TestBody body, Settings settings, Execution failing, int valid,
                                  int invalid, Statistics statistics, long searchMillis,
                                  long searchCpuMillis) {
        long start = System.nanoTime();
        Shrinker shrinker = new Shrinker(body, failing, settings.maxChoices(),
                settings.maxShrinks(), settings.shrinkSeconds());
        Execution shrunk = shrinker.shrink();
        long millis = (System.nanoTime() - start) / 1_000_000;
        Execution minimal = replay(body, shrunk.choices(), settings.maxChoices());
        if (!minimal.failsWith(failing.failure().key())) {
            minimal = shrunk; // a flaky body: report what the shrinker saw
        }
        return new Outcome(settings.seed(), valid, invalid, statistics, minimal, failing,
                shrinker.calls(), shrinker.improvements(), searchMillis, searchCpuMillis, millis,
                shrinker.exhausted(), false);
    }

    /** CPU time of the running thread, or wall time where the JVM cannot measure it. */
    static long cpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /**
     * Replays {@code choices} exactly, recording notes: no randomness; past their end (e.g. when a
     * fixed system no longer fails where the case ended) every choice is 0, the simplest.
     */
    static Execution replay(TestBody body, ChoiceSequence choices, int maxChoices) {
        return Execution.run(body, TestCase.replaying(choices.raw(), true, maxChoices, true));
    }
}
