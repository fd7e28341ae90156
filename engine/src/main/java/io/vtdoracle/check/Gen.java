package io.vtdoracle.check;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A generator: a recipe that turns choices drawn from a {@link TestCase} into a value.
 *
 * <p>Generators hold no state and no randomness of their own, so the same choices always give the
 * same value, and shrinking the choices shrinks the value ("integrated shrinking"). Write one as a
 * lambda that draws from other generators, or compose the factories in {@link Gens} with
 * {@link #map}, {@link #flatMap} and {@link #filter}.
 *
 * @param <T> the type of the values drawn
 */
@FunctionalInterface
public interface Gen<T> {

    /** How many draws {@link #filter(Predicate)} tries before it rejects the case. */
    int DEFAULT_FILTER_ATTEMPTS = 50;

    /** Draws one value from {@code tc}. */
    T draw(TestCase tc);

    /** The values of this generator passed through {@code f}. */
    default <R> Gen<R> map(Function<? super T, ? extends R> f) {
        return tc -> f.apply(draw(tc));
    }

    /** Draws a value, then draws from the generator {@code f} builds from it (dependent generation). */
    default <R> Gen<R> flatMap(Function<? super T, ? extends Gen<? extends R>> f) {
        return tc -> tc.draw(f.apply(tc.draw(this)));
    }

    /**
     * Only values satisfying {@code p}: redraws up to {@link #DEFAULT_FILTER_ATTEMPTS} times, then
     * gives up and marks the case invalid (a rejected case is not a failure).
     */
    default Gen<T> filter(Predicate<? super T> p) {
        return filter(DEFAULT_FILTER_ATTEMPTS, p);
    }

    /** Like {@link #filter(Predicate)}, giving up after {@code maxAttempts} draws. */
    default Gen<T> filter(int maxAttempts, Predicate<? super T> p) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be positive: " + maxAttempts);
        }
        return tc -> {
            for (int i = 0; i < maxAttempts; i++) {
                T value = tc.draw(this);
                if (p.test(value)) {
                    return value;
                }
            }
            tc.reject();
            throw new AssertionError("unreachable");
        };
    }

    /** Lists of values of this generator, see {@link Gens#lists(Gen, int, int)}. */
    default Gen<List<T>> list(int minSize, int maxSize) {
        return Gens.lists(this, minSize, maxSize);
    }
}
