package io.vtdoracle.check;

import java.nio.file.Path;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * How a property runs. The call site sets these; unless {@link #systemOverrides()} is off, system
 * properties then override them, so CI, a soak run and a replay run the same test:
 * {@code -Dvtd.tries=N}, {@code -Dvtd.seed=S}, {@code -Dvtd.shrinkSeconds=X},
 * {@code -Dvtd.maxShrinks=N}, {@code -Dvtd.steps=N}, {@code -Dvtd.failureDir=DIR} (and
 * {@code -Dvtd.replay=FILE}, read by {@link Property}).
 *
 * @param tries            valid test cases to run (invalid ones do not count)
 * @param seed             the seed of the run, or null for a fresh random one (printed on failure)
 * @param shrinkSeconds    time budget of shrinking
 * @param maxShrinks       budget of test-body calls while shrinking
 * @param steps            most commands in one stateful test case
 * @param maxChoices       most choices in one test case; more is an overrun
 * @param coverageMinCases fewest valid cases before coverage requirements are checked
 * @param failureDir       where replay files are written
 * @param systemOverrides  whether system properties override these values
 */
public record Settings(int tries, Long seed, double shrinkSeconds, int maxShrinks, int steps,
                       int maxChoices, int coverageMinCases, Path failureDir,
                       boolean systemOverrides) {

    /** 100 tries, random seed, 10 s / 100 000 calls of shrinking, 50 steps, 8192 choices. */
    public static Settings defaults() {
        return new Settings(100, null, 10.0, 100_000, 50, 8192, 100,
                Path.of("target", "vtd-failures"), true);
    }

    /** Checks the values. */
    public Settings {
        if (tries < 1 || maxShrinks < 0 || steps < 0 || maxChoices < 1 || shrinkSeconds < 0
                || coverageMinCases < 0) {
            throw new IllegalArgumentException("invalid settings");
        }
        Objects.requireNonNull(failureDir);
    }

    /** With {@code tries} valid cases. */
    public Settings withTries(int tries) {
        return new Settings(tries, seed, shrinkSeconds, maxShrinks, steps, maxChoices,
                coverageMinCases, failureDir, systemOverrides);
    }

    /** With a fixed seed. */
    public Settings withSeed(long seed) {
        return new Settings(tries, seed, shrinkSeconds, maxShrinks, steps, maxChoices,
                coverageMinCases, failureDir, systemOverrides);
    }

    /** With a shrink time budget. */
    public Settings withShrinkSeconds(double shrinkSeconds) {
        return new Settings(tries, seed, shrinkSeconds, maxShrinks, steps, maxChoices,
                coverageMinCases, failureDir, systemOverrides);
    }

    /** With a budget of test-body calls for shrinking. */
    public Settings withMaxShrinks(int maxShrinks) {
        return new Settings(tries, seed, shrinkSeconds, maxShrinks, steps, maxChoices,
                coverageMinCases, failureDir, systemOverrides);
    }

    /** With at most {@code steps} commands per stateful case. */
    public Settings withSteps(int steps) {
        return new Settings(tries, seed, shrinkSeconds, maxShrinks, steps, maxChoices,
                coverageMinCases, failureDir, systemOverrides);
    }

    /** With a choice budget per case. */
    public Settings withMaxChoices(int maxChoices) {
        return new Settings(tries, seed, shrinkSeconds, maxShrinks, steps, maxChoices,
                coverageMinCases, failureDir, systemOverrides);
    }

    /** With the fewest cases before coverage is checked. */
    public Settings withCoverageMinCases(int coverageMinCases) {
        return new Settings(tries, seed, shrinkSeconds, maxShrinks, steps, maxChoices,
                coverageMinCases, failureDir, systemOverrides);
    }

    /** With replay files written to {@code failureDir}. */
    public Settings withFailureDir(Path failureDir) {
        return new Settings(tries, seed, shrinkSeconds, maxShrinks, steps, maxChoices,
                coverageMinCases, failureDir, systemOverrides);
    }

    /** With system-property overrides on or off. */
    public Settings withSystemOverrides(boolean systemOverrides) {
        return new Settings(tries, seed, shrinkSeconds, maxShrinks, steps, maxChoices,
                coverageMinCases, failureDir, systemOverrides);
    }

    /** These settings with system-property overrides applied and a seed chosen. */
    public Settings resolved() {
        Settings s = this;
        if (systemOverrides) {
            String v;
            if ((v = System.getProperty("vtd.tries")) != null) {
                s = s.withTries(Integer.parseInt(v.strip()));
            }
            if ((v = System.getProperty("vtd.seed")) != null) {
                s = s.withSeed(Long.parseLong(v.strip()));
            }
            if ((v = System.getProperty("vtd.shrinkSeconds")) != null) {
                s = s.withShrinkSeconds(Double.parseDouble(v.strip()));
            }
            if ((v = System.getProperty("vtd.maxShrinks")) != null) {
                s = s.withMaxShrinks(Integer.parseInt(v.strip()));
            }
            if ((v = System.getProperty("vtd.steps")) != null) {
                s = s.withSteps(Integer.parseInt(v.strip()));
            }
            if ((v = System.getProperty("vtd.failureDir")) != null) {
                s = s.withFailureDir(Path.of(v.strip()));
            }
        }
        if (s.seed() == null) {
            s = s.withSeed(new SplittableRandom().nextLong());
        }
        return s;
    }
}
