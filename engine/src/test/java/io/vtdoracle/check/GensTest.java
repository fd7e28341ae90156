package io.vtdoracle.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Integer encoding, edge bias and the combinators. */
class GensTest {

    static <T> List<T> sample(Gen<T> gen, int n) {
        SplittableRandom random = new SplittableRandom(5);
        List<T> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(TestCase.generating(random.split(), 10_000).draw(gen));
        }
        return out;
    }

    @Test
    void encodingRoundTripsAndOrdersBySimplicity() {
        long[][] ranges = {{-10, 10}, {-3, 100}, {-100, 3}, {5, 9}, {-9, -5},
                {Long.MIN_VALUE, Long.MAX_VALUE}, {0, -1 >>> 1}, {Short.MIN_VALUE, Short.MAX_VALUE}};
        for (long[] r : ranges) {
            IntegerEncoding e = new IntegerEncoding(r[0], r[1]);
            for (long v : new long[] {r[0], r[1], r[0] + 1, r[1] - 1, 0, 1, -1, 2, -2}) {
                if (v >= r[0] && v <= r[1]) {
                    assertThat(e.decode(e.encode(v))).as("%d in [%d, %d]", v, r[0], r[1]).isEqualTo(v);
                }
            }
        }
        IntegerEncoding zigzag = new IntegerEncoding(-3, 100);
        assertThat(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L).stream().map(zigzag::decode))
                .containsExactly(0L, 1L, -1L, 2L, -2L, 3L, -3L, 4L, 5L);
        assertThat(new IntegerEncoding(-9, -5).decode(0)).isEqualTo(-5);
        assertThat(new IntegerEncoding(Long.MIN_VALUE, Long.MAX_VALUE).decode(-1L))
                .isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void longsStayInRangeAndHitEdgesAndNamedBoundaries() {
        List<Long> values = sample(Gens.longs(-5, 1L << 40, 0x1000), 2000);
        assertThat(values).allMatch(v -> v >= -5 && v <= 1L << 40);
        assertThat(values).contains(0L, 1L, -1L, -5L, 1L << 40, 0xFFFL, 0x1000L, 0x1001L,
                (1L << 20) - 1);
    }

    @Test
    void fullRangeLongsWork() {
        Set<Long> values = new HashSet<>(sample(Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE), 2000));
        assertThat(values).contains(Long.MIN_VALUE, Long.MAX_VALUE, 0L);
        assertThat(values.size()).isGreaterThan(500);
    }

    @Test
    void listsRespectSizeBounds() {
        assertThat(sample(Gens.lists(Gens.booleans(), 2, 5), 500))
                .allMatch(l -> l.size() >= 2 && l.size() <= 5)
                .anyMatch(l -> l.size() == 2).anyMatch(l -> l.size() == 5);
    }

    @Test
    void frequencyFollowsWeightsAndNeverPicksWeightZero() {
        List<String> values = sample(Gens.frequency(
                Gens.weighted(0, Gens.constant("never")),
                Gens.weighted(1, Gens.constant("a")),
                Gens.weighted(9, Gens.constant("b"))), 2000);
        assertThat(values).doesNotContain("never");
        long a = values.stream().filter("a"::equals).count();
        assertThat(a).isBetween(100L, 320L);
    }

    @Test
    void mapFlatMapOneOfAndElements() {
        Gen<String> gen = Gens.ints(1, 3).flatMap(n -> Gens.lists(Gens.elements("x", "y"), n, n))
                .map(l -> String.join("", l));
        assertThat(sample(gen, 300)).allMatch(s -> s.length() >= 1 && s.length() <= 3)
                .contains("x", "yy", "xyx");
        assertThat(sample(Gens.oneOf(Gens.constant(1), Gens.constant(2)), 100)).contains(1, 2);
    }
}
