package io.vtdoracle.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongPredicate;

/**
 * Shrinks a failing choice sequence to the shortlex-smallest one it can find that fails with the
 * same failure key. Candidates are replayed with zeros past their end (the simplest continuation);
 * the choices a candidate actually used become the new best when they are simpler.
 *
 * <p>Passes (after minithesis, plus two from Hypothesis), repeated until none makes progress or a
 * budget (test calls, seconds) runs out: delete spans; zero spans; minimize each choice by binary
 * search; lower equal choices together; sort spans; swap and redistribute between two choices;
 * lower two choices together.
 */
final class Shrinker {

    /** Thrown when the shrink budget is spent; the best so far stands. */
    private static final class Exhausted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Exhausted() {
            super(null, null, false, false);
        }
    }

    private final TestBody body;
    private final String key;
    private final int maxChoices;
    private final int maxCalls;
    private final long deadlineNanos;
    private final Map<ChoiceSequence, Execution> cache = new HashMap<>();

    private Execution best;
    private int calls;
    private int improvements;
    private boolean exhausted;

    Shrinker(TestBody body, Execution failing, int maxChoices, int maxCalls, double seconds) {
        this.body = body;
        this.best = failing;
        this.key = failing.failure().key();
        this.maxChoices = maxChoices;
        this.maxCalls = maxCalls;
        this.deadlineNanos = System.nanoTime() + (long) (seconds * 1e9);
    }

    /** Shrinks as far as the budget allows and returns the best failing execution. */
    Execution shrink() {
        try {
            ChoiceSequence before;
            do {
                before = best.choices();
                deleteSpans();
                zeroSpans();
                minimizeEach();
                minimizeDuplicates();
                sortSpans();
                swapAndRedistribute();
                lowerPairsTogether();
            } while (!best.choices().equals(before));
        } catch (Exhausted e) {
            exhausted = true;
        }
        return best;
    }

    /** Test-body calls made while shrinking. */
    int calls() {
        return calls;
    }

    /** How many times a simpler failing sequence was found. */
    int improvements() {
        return improvements;
    }

    /** True if a budget stopped shrinking before a fixed point. */
    boolean exhausted() {
        return exhausted;
    }

    // ------------------------------------------------------------------------------ core

    private long[] cur() {
        return best.choices().raw();
    }

    /**
     * True if {@code candidate} is the current best, or if running it fails the same way with
     * simpler choices (which then become the best).
     */
    private boolean consider(long[] candidate) {
        long[] current = cur();
        if (Arrays.equals(candidate, current)) {
            return true;
        }
        ChoiceSequence seq = ChoiceSequence.wrap(candidate.clone());
        Execution e = cache.get(seq);
        if (e == null) {
            if (calls >= maxCalls || System.nanoTime() > deadlineNanos) {
                throw new Exhausted();
            }
            calls++;
            e = Execution.run(body, TestCase.replaying(seq.raw(), true, maxChoices, false));
            cache.put(seq, e);
        }
        if (e.failsWith(key) && e.choices().isSimplerThan(best.choices())) {
            best = e;
            improvements++;
            return true;
        }
        return false;
    }

    /** {@link #consider} the current best with the choices at {@code idx} set to {@code values}. */
    private boolean replace(int[] idx, long[] values) {
        long[] c = cur().clone();
        for (int n = 0; n < idx.length; n++) {
            if (idx[n] >= c.length) {
                return false;
            }
            c[idx[n]] = values[n];
        }
        return consider(c);
    }

    /**
     * The smallest x in [lo, hi] (unsigned) with f(x), assuming f(hi) holds and f is roughly
     * monotone; a few values just below the result are tried too, for when it is not.
     */
    private static long binSearchDown(long lo, long hi, LongPredicate f) {
        if (f.test(lo)) {
            return lo;
        }
        while (Long.compareUnsigned(lo + 1, hi) < 0) {
            long mid = lo + ((hi - lo) >>> 1);
            if (f.test(mid)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    // ------------------------------------------------------------------------------ passes

    /** Deletes spans of 8, 4, 2, 1 choices, also decrementing the choice before the span. */
    private void deleteSpans() {
        for (int k = 8; k >= 1; k /= 2) {
            int i = cur().length - k;
            while (i >= 0) {
                long[] c = cur();
                if (i + k > c.length) {
                    i = c.length - k;
                    continue;
                }
                long[] candidate = new long[c.length - k];
                System.arraycopy(c, 0, candidate, 0, i);
                System.arraycopy(c, i + k, candidate, i, c.length - i - k);
                if (consider(candidate)) {
                    continue; // retry the same position: new choices slid into it
                }
                if (i > 0 && candidate[i - 1] != 0) {
                    candidate[i - 1]--;
                    if (consider(candidate)) {
                        continue;
                    }
                }
                i--;
            }
        }
    }

    /** Sets spans of 8, 4, 2 choices to zero. */
    private void zeroSpans() {
        for (int k = 8; k >= 2; k /= 2) {
            int i = cur().length - k;
            while (i >= 0) {
                long[] c = cur();
                if (i + k > c.length) {
                    i = c.length - k;
                    continue;
                }
                long[] candidate = c.clone();
                boolean allZero = true;
                for (int j = i; j < i + k; j++) {
                    allZero &= candidate[j] == 0;
                    candidate[j] = 0;
                }
                i -= (!allZero && consider(candidate)) ? k : 1;
            }
        }
    }

    /** Lowers each choice, last to first, to the smallest value that still fails. */
    private void minimizeEach() {
        for (int i = cur().length - 1; i >= 0; i--) {
            if (i >= cur().length || cur()[i] == 0) {
                continue;
            }
            final int at = i;
            long found = binSearchDown(0, cur()[i], x -> replace(new int[] {at}, new long[] {x}));
            for (int step = 0; step < 4 && found != 0; step++) {
                found--;
                if (!replace(new int[] {at}, new long[] {found})) {
                    break;
                }
            }
        }
    }

    /** Lowers all occurrences of a repeated nonzero value together. */
    private void minimizeDuplicates() {
        TreeMap<Long, List<Integer>> positions = new TreeMap<>(Long::compareUnsigned);
        long[] c = cur();
        for (int i = 0; i < c.length; i++) {
            if (c[i] != 0) {
                positions.computeIfAbsent(c[i], v -> new ArrayList<>()).add(i);
            }
        }
        for (Map.Entry<Long, List<Integer>> entry : positions.entrySet()) {
            if (entry.getValue().size() < 2) {
                continue;
            }
            int[] idx = entry.getValue().stream().mapToInt(Integer::intValue).toArray();
            long value = entry.getKey();
            if (!stillHolds(idx, value)) {
                continue;
            }
            binSearchDown(0, value, x -> {
                long[] values = new long[idx.length];
                Arrays.fill(values, x);
                return replace(idx, values);
            });
        }
    }

    private boolean stillHolds(int[] idx, long value) {
        long[] c = cur();
        for (int i : idx) {
            if (i >= c.length || c[i] != value) {
                return false;
            }
        }
        return true;
    }

    /** Sorts spans of 8, 4, 2 choices into ascending order. */
    private void sortSpans() {
        for (int k = 8; k >= 2; k /= 2) {
            for (int i = cur().length - k; i >= 0; i--) {
                long[] c = cur();
                if (i + k > c.length) {
                    continue;
                }
                long[] candidate = c.clone();
                for (int j = i; j < i + k; j++) {
                    candidate[j] ^= Long.MIN_VALUE; // unsigned order as signed order
                }
                Arrays.sort(candidate, i, i + k);
                for (int j = i; j < i + k; j++) {
                    candidate[j] ^= Long.MIN_VALUE;
                }
                if (!Arrays.equals(candidate, c)) {
                    consider(candidate);
                }
            }
        }
    }

    /**
     * For choices 2 and 1 apart: swaps them if out of order, then moves as much as possible of the
     * first into the second (lower the first, raise the second by the same amount).
     */
    private void swapAndRedistribute() {
        for (int k = 2; k >= 1; k--) {
            for (int i = cur().length - 1 - k; i >= 0; i--) {
                int j = i + k;
                long[] c = cur();
                if (j >= c.length) {
                    continue;
                }
                if (Long.compareUnsigned(c[i], c[j]) > 0) {
                    replace(new int[] {i, j}, new long[] {c[j], c[i]});
                }
                c = cur();
                if (j >= c.length || c[i] == 0) {
                    continue;
                }
                long pi = c[i];
                long pj = c[j];
                binSearchDown(0, pi, x -> {
                    long nj = pj + (pi - x);
                    return Long.compareUnsigned(nj, pj) >= 0
                            && replace(new int[] {i, j}, new long[] {x, nj});
                });
            }
        }
    }

    /** For choices 1 and 2 apart: lowers both by the same amount (keeps their difference). */
    private void lowerPairsTogether() {
        for (int k = 1; k <= 2; k++) {
            for (int i = cur().length - 1 - k; i >= 0; i--) {
                int j = i + k;
                long[] c = cur();
                if (j >= c.length || c[i] == 0 || c[j] == 0) {
                    continue;
                }
                long a = c[i];
                long b = c[j];
                long min = Long.compareUnsigned(a, b) < 0 ? a : b;
                binSearchDown(0, min, t -> replace(new int[] {i, j},
                        new long[] {a - (min - t), b - (min - t)}));
            }
        }
    }
}
