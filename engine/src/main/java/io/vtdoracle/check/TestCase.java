package io.vtdoracle.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * One test case: the source of every choice a generator makes, and the record of those choices.
 *
 * <p>A test case either <em>generates</em> (choices come from a seeded random source) or
 * <em>replays</em> a prefix of choices: while replaying, the i-th choice is the i-th prefix value,
 * whatever the random source would have said. Past the end of the prefix a replay either stops
 * with {@link Status#OVERRUN} (exact replay) or continues with zeros, the simplest choice (used by
 * the shrinker). Choices over the budget also end the case with {@link Status#OVERRUN}.
 *
 * <p>Everything a generator needs is here: {@link #choice(long)} (a bounded unsigned long),
 * {@link #weighted(double)} (a biased boolean), {@link #pick(double[])} (an index by weights) and
 * {@link #draw(Gen)}. A test body may also {@link #assume(boolean)}, {@link #label(String)} the case
 * for statistics, {@link #note(Object)} what it drew (printed for the final counterexample) and
 * {@link #fail(String, String)} with a failure key.
 */
public final class TestCase {

    /** Thrown to end a case early; the status is already set. Not an error of the body. */
    static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stop() {
            super(null, null, false, false);
        }
    }

    private static final long[] NO_CHOICES = new long[0];

    private final long[] prefix;
    private final SplittableRandom random;
    private final boolean zeroFill;
    private final int maxChoices;
    private final boolean recording;

    private long[] choices = new long[16];
    private int size;
    private int[] spans = new int[16]; // start, end pairs of the draws
    private int spanCount;
    private Status status;
    private final Set<String> labels = new LinkedHashSet<>();
    private final List<String> notes = new ArrayList<>();

    private TestCase(long[] prefix, SplittableRandom random, boolean zeroFill, int maxChoices,
                     boolean recording) {
        this.prefix = prefix;
        this.random = random;
        this.zeroFill = zeroFill;
        this.maxChoices = maxChoices;
        this.recording = recording;
    }

    /** A case that draws every choice from {@code random}. */
    static TestCase generating(SplittableRandom random, int maxChoices) {
        return new TestCase(NO_CHOICES, random, false, maxChoices, false);
    }

    /**
     * A case that replays {@code prefix}; past its end it takes zeros if {@code zeroFill}, else it
     * overruns. A recording case keeps the {@link #note(Object) notes} of the body.
     */
    static TestCase replaying(long[] prefix, boolean zeroFill, int maxChoices, boolean recording) {
        return new TestCase(prefix, null, zeroFill, maxChoices, recording);
    }

    // ----------------------------------------------------------------------------- choices

    /** A choice in {@code [0, n]} (unsigned), biased towards small values while generating. */
    public long choice(long n) {
        return makeChoice(n, () -> biased(n, NO_CHOICES));
    }

    /**
     * A choice in {@code [0, n]} (unsigned) that, while generating, often is one of {@code edges}
     * (each must be at most {@code n}).
     */
    public long choice(long n, long[] edges) {
        return makeChoice(n, () -> biased(n, edges));
    }

    /** True with probability {@code p}; p &lt;= 0 and p &gt;= 1 are forced and use no choice. */
    public boolean weighted(double p) {
        if (p <= 0) {
            return false;
        }
        if (p >= 1) {
            return true;
        }
        return makeChoice(1, () -> random.nextDouble() < p ? 1 : 0) == 1;
    }

    /**
     * An index into {@code weights}, drawn with probability proportional to its weight. Shrinks
     * towards index 0, whatever the weights.
     */
    public int pick(double[] weights) {
        if (weights.length == 0) {
            throw new IllegalArgumentException("no weights");
        }
        return (int) makeChoice(weights.length - 1, () -> {
            double total = 0;
            for (double w : weights) {
                total += w;
            }
            double u = random.nextDouble() * total;
            int last = 0;
            for (int i = 0; i < weights.length; i++) {
                if (weights[i] > 0) {
                    last = i;
                    u -= weights[i];
                    if (u < 0) {
                        return i;
                    }
                }
            }
            return last;
        });
    }

    /**
     * The value {@code gen} draws from this case. The span of choices it used is recorded, so the
     * shrinker can delete the value or replace it by a value drawn inside it.
     */
    public <T> T draw(Gen<T> gen) {
        int start = size;
        T value = gen.draw(this);
        if (size > start) {
            if (spanCount * 2 == spans.length) {
                spans = Arrays.copyOf(spans, spans.length * 2);
            }
            spans[spanCount * 2] = start;
            spans[spanCount * 2 + 1] = size;
            spanCount++;
        }
        return value;
    }

    private long makeChoice(long n, LongSupplier fresh) {
        if (status != null) {
            throw new Stop();
        }
        if (n == 0) {
            return 0; // only one possible value: no choice is made or recorded
        }
        if (size >= maxChoices) {
            mark(Status.OVERRUN);
        }
        long value;
        if (size < prefix.length) {
            value = prefix[size];
        } else if (random != null) {
            value = fresh.getAsLong();
        } else if (zeroFill) {
            value = 0;
        } else {
            mark(Status.OVERRUN);
            return 0; // unreachable
        }
        if (size == choices.length) {
            choices = Arrays.copyOf(choices, size * 2);
        }
        choices[size++] = value;
        if (Long.compareUnsigned(value, n) > 0) {
            mark(Status.INVALID); // a replayed value out of range for this choice
        }
        return value;
    }

    private long biased(long n, long[] edges) {
        double u = random.nextDouble();
        if (edges.length > 0 && u < 0.2) {
            return edges[random.nextInt(edges.length)];
        }
        if (size > 0 && u < 0.3) {
            // an earlier choice of this case, or a neighbour: equal and adjacent values collide
            long v = choices[random.nextInt(size)] + random.nextInt(5) - 2;
            if (Long.compareUnsigned(v, n) <= 0) {
                return v;
            }
        }
        if (u < 0.5) {
            int bits = random.nextInt(64);
            long limit = (1L << bits) - 1;
            return uniform(Long.compareUnsigned(limit, n) < 0 ? limit : n);
        }
        return uniform(n);
    }

    private long uniform(long n) {
        if (n == -1L) {
            return random.nextLong();
        }
        if (n >= 0 && n != Long.MAX_VALUE) {
            return random.nextLong(n + 1);
        }
        while (true) {
            long v = random.nextLong();
            if (Long.compareUnsigned(v, n) <= 0) {
                return v;
            }
        }
    }

    // ----------------------------------------------------------------------------- control

    /** Marks this case invalid (not a failure) and ends it. */
    public void reject() {
        mark(Status.INVALID);
    }

    /** Rejects this case unless {@code condition} holds. */
    public void assume(boolean condition) {
        if (!condition) {
            reject();
        }
    }

    /** Fails this case with a failure of kind {@code key}. */
    public void fail(String key, String message) {
        throw new PropertyFailure(key, message);
    }

    private void mark(Status s) {
        if (status == null) {
            status = s;
        }
        throw new Stop();
    }

    // ----------------------------------------------------------------------------- reporting

    /** Counts this case under {@code label} in the run's statistics (once per case). */
    public void label(String label) {
        labels.add(Objects.requireNonNull(label));
    }

    /** Labels this case with {@code label} if {@code condition} holds. */
    public void classify(boolean condition, String label) {
        if (condition) {
            label(label);
        }
    }

    /**
     * Records a description of something drawn; the notes of the final, minimal case are printed as
     * the counterexample. Cheap when not recording: nothing is formatted.
     */
    public void note(Object value) {
        if (recording) {
            notes.add(String.valueOf(value));
        }
    }

    /** True while the final counterexample is being replayed for the report. */
    public boolean isRecording() {
        return recording;
    }

    // ----------------------------------------------------------------------------- results

    /** The choices made so far. */
    public ChoiceSequence choices() {
        return ChoiceSequence.wrap(Arrays.copyOf(choices, size));
    }

    /** The spans (start, end pairs) of the draws that used at least one choice. */
    int[] spans() {
        return Arrays.copyOf(spans, spanCount * 2);
    }

    /** The status set by the case itself (overrun, invalid), or null. */
    Status status() {
        return status;
    }

    Set<String> labels() {
        return Collections.unmodifiableSet(labels);
    }

    List<String> notes() {
        return Collections.unmodifiableList(notes);
    }
}
