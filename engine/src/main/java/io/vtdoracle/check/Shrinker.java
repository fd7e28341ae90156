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
 * <p>Passes (after minithesis, plus some from Hypothesis), repeated until none makes progress or a
 * budget (test calls, seconds) runs out: delete whole draws; delete spans; replace a draw by a draw
 * nested in it; swap adjacent draws; zero spans; minimize each choice by binary search; lower equal choices together;
 * sort spans; swap and redistribute between two nearby choices; lower two choices together.
 */
final class Shrinker {

    /** Thrown when the shrink budget is spent; the best so far stands. */
    private static final class Exhausted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Exhausted() {
            super(null, null, false, false);
        }
    }

    static final boolean TRACE = Boolean.getBoolean("vtd.traceShrink");
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
                pass("delete draws", this::deleteDraws);
                pass("delete spans", this::deleteSpans);
                pass("replace draws by inner draws", this::replaceByInnerDraws);
                pass("swap adjacent draws", this::swapAdjacentDraws);
                pass("zero spans", this::zeroSpans);
                pass("minimize each", this::minimizeEach);
                pass("minimize duplicates", this::minimizeDuplicates);
                pass("sort spans", this::sortSpans);
                pass("swap and redistribute", this::swapAndRedistribute);
                pass("lower pairs together", this::lowerPairsTogether);
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

    private void pass(String name, Runnable pass) {
        pass.run();
        if (TRACE) {
            System.err.printf("vtd shrink: %-28s calls %6d  best %s%n", name, calls, best.choices());
        }
    }

    /** Spans of the best's draws as (start, end) pairs: last start first, longer first. */
    private List<int[]> draws(int maxStart) {
        int[] flat = best.spans();
        List<int[]> out = new ArrayList<>();
        for (int n = 0; n < flat.length; n += 2) {
            if (flat[n] <= maxStart) {
                out.add(new int[] {flat[n], flat[n + 1]});
            }
        }
        out.sort((a, b) -> a[0] != b[0] ? Integer.compare(b[0], a[0]) : Integer.compare(b[1], a[1]));
        return out;
    }

    private boolean deleteRange(int from, int to) {
        long[] c = cur();
        if (from < 0 || to > c.length || from >= to) {
            return false;
        }
        long[] candidate = new long[c.length - (to - from)];
        System.arraycopy(c, 0, candidate, 0, from);
        System.arraycopy(c, to, candidate, from, c.length - to);
        return consider(candidate);
    }

    /**
     * Deletes the choices of whole draws, alone and with the choice just before them (e.g. the
     * "continue?" of a list element or of a stateful command).
     */
    private void deleteDraws() {
        List<int[]> spans = draws(Integer.MAX_VALUE);
        for (int n = 0; n < spans.size(); n++) {
            int[] span = spans.get(n);
            if (deleteRange(span[0], span[1]) || deleteRange(span[0] - 1, span[1])) {
                spans = draws(span[0]);
                n = -1;
            }
        }
    }

    /**
     * Replaces a draw by a smaller draw nested inside it (e.g. an expression by a subexpression),
     * trying a bounded number of inner draws per draw.
     */
    private void replaceByInnerDraws() {
        List<int[]> spans = draws(Integer.MAX_VALUE);
        for (int n = 0; n < spans.size(); n++) {
            int[] outer = spans.get(n);
            int tried = 0;
            for (int[] inner : spans) {
                boolean nested = inner[0] >= outer[0] && inner[1] <= outer[1]
                        && inner[1] - inner[0] < outer[1] - outer[0];
                if (!nested || tried++ >= 32) {
                    continue;
                }
                long[] c = cur();
                if (outer[1] > c.length) {
                    break;
                }
                int len = inner[1] - inner[0];
                long[] candidate = new long[c.length - (outer[1] - outer[0]) + len];
                System.arraycopy(c, 0, candidate, 0, outer[0]);
                System.arraycopy(c, inner[0], candidate, outer[0], len);
                System.arraycopy(c, outer[1], candidate, outer[0] + len, c.length - outer[1]);
                if (consider(candidate)) {
                    spans = draws(outer[0]);
                    n = -1;
                    break;
                }
            }
        }
    }

    /**
     * Swaps two adjacent draws (one ends where the other starts) when that puts smaller choices
     * first, e.g. moves an empty list before a non-empty one.
     */
    private void swapAdjacentDraws() {
        List<int[]> spans = draws(Integer.MAX_VALUE);
        for (int n = 0; n < spans.size(); n++) {
            int[] a = spans.get(n);
            for (int[] b : spans) {
                long[] c = cur();
                if (b[0] != a[1] || b[1] > c.length) {
                    continue;
                }
                long[] candidate = c.clone();
                int lenB = b[1] - b[0];
                System.arraycopy(c, b[0], candidate, a[0], lenB);
                System.arraycopy(c, a[0], candidate, a[0] + lenB, a[1] - a[0]);
                if (ChoiceSequence.shortlex(candidate, c) < 0 && consider(candidate)) {
                    spans = draws(Integer.MAX_VALUE);
                    n = -1;
                    break;
                }
            }
        }
    }

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
                boolean deleted = consider(candidate);
                if (!deleted && i > 0 && candidate[i - 1] != 0) {
                    candidate[i - 1]--;
                    deleted = consider(candidate);
                }
                if (!deleted || cur().length >= c.length) {
                    i--; // else retry the same position: new choices slid into it
                }
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
     * Swaps choices 1 to 8 apart when out of order; for choices 2 and 1 apart also moves as much as
     * possible of the first into the second (lower the first, raise the second).
     */
    private void swapAndRedistribute() {
        for (int k = 8; k >= 1; k--) {
            for (int i = cur().length - 1 - k; i >= 0; i--) {
                int j = i + k;
                long[] c = cur();
                if (j >= c.length) {
                    continue;
                }
                if (Long.compareUnsigned(c[i], c[j]) > 0) {
                    replace(new int[] {i, j}, new long[] {c[j], c[i]});
                }
                if (k > 2) {
                    continue;
                }
                c = cur();
                if (j >= c.length || c[i] == 0) {
                    continue;
                }
                long pi = c[i];
                long pj = c[j];
                int[] idx = {i, j};
                for (int rate = 1; rate <= 2; rate++) {
                    // rate 2: zig-zag encoded integers change magnitude at half the choice's rate
                    final int r = rate;
                    binSearchDown(0, pi, x -> {
                        long nj = pj + (pi - x + r - 1) / r;
                        return Long.compareUnsigned(nj, pj) >= 0
                                && replace(idx, new long[] {x, nj});
                    });
                    if (!stillHolds(new int[] {i}, pi)) {
                        break;
                    }
                }
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
                int[] idx = {i, j};
                binSearchDown(0, min, t -> replace(idx,
                        new long[] {a - (min - t), b - (min - t)}));
            }
        }
    }
}
