package io.vtdoracle.check;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * A named property and how to run it; the entry point of the engine.
 *
 * <pre>{@code
 * Property.named("reverse twice").tries(500)
 *     .forAll(Gens.lists(Gens.ints()))
 *     .check(xs -> reverse(reverse(xs)).equals(xs));
 *
 * Property.named("bounded queue").steps(30).check(new QueueMachine());   // stateful
 * }</pre>
 *
 * <p>A run generates cases from a seed until one fails or {@code tries} valid cases passed. A
 * failure is shrunk, its replay file written under {@code target/vtd-failures/}, and a
 * {@link PropertyFalsified} thrown with the minimal counterexample, the seed and how to replay (as text,
 * and as data: {@link Falsification}); a replay file that cannot be written does not lose the
 * counterexample, the report says why it was not saved. A
 * passing run prints its label table (if any), checks coverage requirements and returns a
 * {@link Report}. Settings come from the call site, then system properties ({@link Settings});
 * {@code -Dvtd.replay=FILE} replays the file's case instead of generating, when the file names
 * this property.
 */
public final class Property {

    private final String name;
    private final Settings settings;
    private final List<Statistics.Coverage> coverage;
    private final Path replay;
    private final String generator;

    private Property(String name, Settings settings, List<Statistics.Coverage> coverage,
                     Path replay, String generator) {
        this.name = Objects.requireNonNull(name);
        this.settings = settings;
        this.coverage = List.copyOf(coverage);
        this.replay = replay;
        this.generator = Objects.requireNonNull(generator);
    }

    /** A property called {@code name} (also the name of its replay file) with default settings. */
    public static Property named(String name) {
        return new Property(name, Settings.defaults(), List.of(), null, "unnamed generator");
    }

    /** The name. */
    public String name() {
        return name;
    }

    /** These settings. */
    public Property with(Settings settings) {
        return new Property(name, settings, coverage, replay, generator);
    }

    /**
     * Names the generator (and its version) that draws this property's cases: written into replay files, and a
     * replay file of another generator is refused (the same choices would draw another case).
     */
    public Property generator(String fingerprint) {
        return new Property(name, settings, coverage, replay, fingerprint);
    }

    /** Runs {@code tries} valid cases. */
    public Property tries(int tries) {
        return with(settings.withTries(tries));
    }

    /** Uses a fixed seed. */
    public Property seed(long seed) {
        return with(settings.withSeed(seed));
    }

    /** Shrinks for at most {@code seconds}. */
    public Property shrinkSeconds(double seconds) {
        return with(settings.withShrinkSeconds(seconds));
    }

    /** Makes at most {@code calls} body calls while shrinking. */
    public Property maxShrinks(int calls) {
        return with(settings.withMaxShrinks(calls));
    }

    /** Runs at most {@code steps} commands per stateful case. */
    public Property steps(int steps) {
        return with(settings.withSteps(steps));
    }

    /** Writes replay files into {@code dir} (default {@code target/vtd-failures}). */
    public Property failureDir(Path dir) {
        return with(settings.withFailureDir(dir));
    }

    /** Ignores {@code -Dvtd.*} system properties (for the engine's own tests). */
    public Property ignoreSystemProperties() {
        return with(settings.withSystemOverrides(false));
    }

    /**
     * Fails the property if fewer than {@code minShare} (0..1) of the valid cases are labelled
     * {@code label}; checked only after {@link Settings#coverageMinCases()} valid cases.
     */
    public Property requireCoverage(String label, double minShare) {
        List<Statistics.Coverage> more = new ArrayList<>(coverage);
        more.add(new Statistics.Coverage(label, minShare));
        return new Property(name, settings, more, replay, generator);
    }

    /** Replays the case saved in {@code file} exactly, instead of generating cases. */
    public Property replaying(Path file) {
        return new Property(name, settings, coverage, Objects.requireNonNull(file), generator);
    }

    /** A property over the values of {@code gen}. */
    public <T> ForAll<T> forAll(Gen<T> gen) {
        return new ForAll<>(this, gen, List.of());
    }

    /** Runs {@code body} on each case. */
    public Report check(TestBody body) {
        return run(s -> body);
    }

    /** Runs the stateful property {@code machine}. */
    public <M, S, C> Report check(StateMachine<M, S, C> machine) {
        return run(s -> new StatefulBody<>(machine, s.steps()));
    }

    // ------------------------------------------------------------------------------ running

    private Report run(Function<Settings, TestBody> bodyFor) {
        Settings s = settings.resolved();
        TestBody body = bodyFor.apply(s);
        Path file = replay;
        if (file == null && s.systemOverrides() && System.getProperty("vtd.replay") != null) {
            Path candidate = Path.of(System.getProperty("vtd.replay").strip());
            if (ReplayFile.read(candidate).property().equals(name)) {
                file = candidate;
            }
        }
        if (file != null) {
            return replay(body, ReplayFile.read(file), file, s);
        }
        Engine.Outcome o = Engine.run(body, s);
        String table = o.statistics().table();
        if (!table.isEmpty()) {
            System.out.printf("Property '%s': labels of %d cases%n%s", name,
                    o.statistics().cases(), table);
        }
        if (o.failed()) {
            Execution min = o.minimal();
            Path written = null;
            String unsaved = null;
            try {
                written = new ReplayFile(name, generator, o.seed(), min.failure().key(), min.choices())
                        .write(s.failureDir());
            } catch (UncheckedIOException e) {
                unsaved = e.getMessage();
            }
            String how = String.format(Locale.ROOT,
                    "found after %d tries (%d invalid); shrunk %d times in %d calls, %.2f s%s",
                    o.valid(), o.invalid(), o.shrinks(), o.shrinkCalls(),
                    o.shrinkMillis() / 1000.0, o.shrinkCut() ? " (shrink budget ran out)" : "");
            throw falsified(min, how, o.seed(), o.valid(), o.invalid(), written, unsaved, false,
                    o.searchMillis() / 1000.0, o.searchCpuMillis() / 1000.0, o.shrinkMillis() / 1000.0);
        }
        if (o.gaveUp()) {
            throw new AssertionError(String.format(Locale.ROOT,
                    "Property '%s' gave up: only %d valid cases of %d wanted; %d were invalid"
                            + " (a filter gave up, an assumption or a precondition failed)"
                            + " or overran. Seed: %d",
                    name, o.valid(), s.tries(), o.invalid(), o.seed()));
        }
        if (!coverage.isEmpty() && o.statistics().cases() < s.coverageMinCases()) {
            System.out.printf("Property '%s': coverage not checked, %d cases < %d%n", name,
                    o.statistics().cases(), s.coverageMinCases());
        }
        o.statistics().unmet(coverage, s.coverageMinCases()).ifPresent(message -> {
            throw new AssertionError("Property '" + name + "' " + message + " (seed " + o.seed()
                    + ")\n" + table);
        });
        return new Report(name, o.seed(), o.valid(), o.invalid(), o.statistics());
    }

    private Report replay(TestBody body, ReplayFile saved, Path file, Settings s) {
        if (!saved.generator().equals(generator)) {
            throw new InvalidReplayFile(file, "was written by generator '" + saved.generator()
                    + "', this build's is '" + generator + "': its choices draw another case here");
        }
        Execution e = Engine.replay(body, saved.choices(), s.maxChoices());
        Statistics statistics = new Statistics();
        switch (e.status()) {
            case INTERESTING:
                throw falsified(e, "replayed exactly from " + file, saved.seed(), 1, 0, file, null, true, 0, 0, 0);
            case VALID:
                statistics.record(e.labels());
                return new Report(name, saved.seed(), 1, 0, statistics);
            default:
                throw new IllegalStateException("replay of " + file + " for property '" + name
                        + "' ended " + e.status() + ": the generators or preconditions changed"
                        + " since it was saved");
        }
    }

    private PropertyFalsified falsified(Execution min, String how, long seed, int valid, int invalid,
                                        Path file, String unsaved, boolean replayed, double searchSeconds,
                                        double searchCpuSeconds, double shrinkSeconds) {
        return new PropertyFalsified(new Falsification(name, seed, valid, invalid, how, min.notes(),
                min.step(), min.failure().key(), min.failure().message(), min.failure().cause(),
                min.choices(), file, unsaved, replayed, searchSeconds, searchCpuSeconds, shrinkSeconds));
    }
}
