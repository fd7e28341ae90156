package io.vtdoracle.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Factories of the basic generators. Each documents what it shrinks towards.
 */
public final class Gens {

    private Gens() {
    }

    /** Always {@code value}; uses no choice. */
    public static <T> Gen<T> constant(T value) {
        return tc -> value;
    }

    /** Booleans; shrink to false. */
    public static Gen<Boolean> booleans() {
        return tc -> tc.choice(1) == 1;
    }

    /**
     * Longs in {@code [lo, hi]}, shrinking towards 0 (or the bound closest to it; positive before
     * negative). Generation favours edge values: 0, +-1, the bounds, powers of two +-1 and the
     * caller's {@code boundaries} +-1.
     */
    public static Gen<Long> longs(long lo, long hi, long... boundaries) {
        IntegerEncoding encoding = new IntegerEncoding(lo, hi);
        long max = encoding.maxChoice();
        long[] edges = Edges.of(encoding, lo, hi, boundaries);
        return tc -> encoding.decode(tc.choice(max, edges));
    }

    /** Ints in {@code [lo, hi]}, like {@link #longs(long, long, long...)}. */
    public static Gen<Integer> ints(int lo, int hi, int... boundaries) {
        long[] named = new long[boundaries.length];
        for (int i = 0; i < boundaries.length; i++) {
            named[i] = boundaries[i];
        }
        return longs(lo, hi, named).map(Long::intValue);
    }

    /** Any int. */
    public static Gen<Integer> ints() {
        return ints(Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** One of {@code values}; shrinks towards the first. */
    @SafeVarargs
    public static <T> Gen<T> elements(T... values) {
        return elements(List.of(values));
    }

    /** One of {@code values}; shrinks towards the first. */
    public static <T> Gen<T> elements(List<? extends T> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        List<? extends T> copy = List.copyOf(values);
        return tc -> copy.get((int) tc.choice(copy.size() - 1));
    }

    /** A draw from one of {@code gens}, chosen uniformly; shrinks towards the first. */
    @SafeVarargs
    public static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        return oneOf(List.of(gens));
    }

    /** A draw from one of {@code gens}, chosen uniformly; shrinks towards the first. */
    public static <T> Gen<T> oneOf(List<? extends Gen<? extends T>> gens) {
        if (gens.isEmpty()) {
            throw new IllegalArgumentException("no generators");
        }
        List<? extends Gen<? extends T>> copy = List.copyOf(gens);
        return tc -> tc.draw(copy.get((int) tc.choice(copy.size() - 1)));
    }

    /**
     * A generator with a relative weight, for {@link #frequency(Weighted[])}. Weight 0 means never
     * generated, though a replayed or shrunk case may still select it (keeping the encoding of the
     * alternatives stable, e.g. when weights depend on a model state).
     */
    public record Weighted<T>(double weight, Gen<? extends T> gen) {
        /** Checks the weight is positive. */
        public Weighted {
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("weight must be finite, >= 0: " + weight);
            }
            Objects.requireNonNull(gen);
        }
    }

    /** {@code gen} with relative weight {@code weight}. */
    public static <T> Weighted<T> weighted(double weight, Gen<? extends T> gen) {
        return new Weighted<>(weight, gen);
    }

    /**
     * A draw from one of the generators, chosen in proportion to its weight; shrinks towards the
     * first whatever the weights, so put the simplest alternative first.
     */
    @SafeVarargs
    public static <T> Gen<T> frequency(Weighted<? extends T>... alternatives) {
        if (alternatives.length == 0) {
            throw new IllegalArgumentException("no alternatives");
        }
        List<Weighted<? extends T>> copy = List.of(alternatives);
        double[] weights = copy.stream().mapToDouble(Weighted::weight).toArray();
        if (java.util.Arrays.stream(weights).sum() <= 0) {
            throw new IllegalArgumentException("all weights are 0");
        }
        return tc -> tc.draw(copy.get(tc.pick(weights)).gen());
    }

    /**
     * Lists of {@code minSize..maxSize} elements. Before each optional element a "continue?" boolean
     * is drawn (as in minithesis), so deleting an element's choices deletes the element: lists shrink
     * by deletion first, then element-wise. Averages about {@code min(maxSize - minSize, 8)} optional
     * elements.
     */
    public static <T> Gen<List<T>> lists(Gen<? extends T> element, int minSize, int maxSize) {
        if (minSize < 0 || maxSize < minSize) {
            throw new IllegalArgumentException("bad size bounds [" + minSize + ", " + maxSize + "]");
        }
        double average = Math.min(maxSize - minSize, 8);
        double pContinue = average / (average + 1);
        return tc -> {
            List<T> out = new ArrayList<>();
            while (out.size() < maxSize && (out.size() < minSize || tc.weighted(pContinue))) {
                out.add(tc.draw(element));
            }
            return Collections.unmodifiableList(out);
        };
    }

    /** Lists of 0 to 100 elements. */
    public static <T> Gen<List<T>> lists(Gen<? extends T> element) {
        return lists(element, 0, 100);
    }

    /**
     * A generator resolved at draw time, for recursive structures: {@code expr = lazy(() -> ...)}.
     * Keep the recursive alternatives rare enough (e.g. with {@link #frequency(Weighted[])}) that
     * values stay finite; a case that outgrows the choice budget overruns and is discarded.
     */
    public static <T> Gen<T> lazy(Supplier<? extends Gen<? extends T>> gen) {
        return tc -> tc.draw(gen.get());
    }
}
