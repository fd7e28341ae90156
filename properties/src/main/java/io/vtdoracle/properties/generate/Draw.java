package io.vtdoracle.properties.generate;

import io.vtdoracle.check.Gen;
import io.vtdoracle.check.Gens;
import java.util.List;

/** Small generator helpers shared by the command generators. */
final class Draw {

    private Draw() {
    }

    /** {@code gen}'s value with probability 1 - p, otherwise {@code other}'s; shrinks to {@code gen}. */
    static <T> Gen<T> mostly(Gen<T> gen, double p, Gen<T> other) {
        return Gens.frequency(Gens.weighted(1 - p, gen), Gens.weighted(p, other));
    }

    /** True with probability {@code p}; shrinks to false. */
    static Gen<Boolean> chance(double p) {
        return Gens.frequency(Gens.weighted(1 - p, Gens.constant(false)), Gens.weighted(p, Gens.constant(true)));
    }

    /** False with probability {@code p}; shrinks to true. */
    static Gen<Boolean> usually(double pFalse) {
        return Gens.frequency(Gens.weighted(1 - pFalse, Gens.constant(true)),
                Gens.weighted(pFalse, Gens.constant(false)));
    }

    /** Multiples of {@code alignment} in {@code [0, limit)}. */
    static Gen<Long> aligned(long alignment, long limit) {
        return Gens.longs(0, Math.max(0, limit / alignment - 1)).map(n -> n * alignment);
    }

    /** An element of {@code list} picked by a choice that stays meaningful when the list changes. */
    static <T> Gen<T> pick(List<T> list, T fallback) {
        return tc -> {
            int index = tc.draw(Gens.ints(0, 255));
            return list.isEmpty() ? fallback : list.get(index % list.size());
        };
    }

    /** Any 64-bit value. */
    static Gen<Long> anyLong() {
        return Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE);
    }
}
