package io.vtdoracle.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Problems of the public shrinking challenge (github.com/jlink/shrinking-challenge): each must shrink
 * to its known minimum, from several seeds.
 */
class ShrinkingChallengeTest {

    /** Seeds 1..N, N from {@code -Dvtd.challengeSeeds} (default 3). */
    static final long[] SEEDS = java.util.stream.LongStream
            .rangeClosed(1, Long.getLong("vtd.challengeSeeds", 3)).toArray();

    /** A challenge problem: its body and the minimum its counterexample must shrink to. */
    record Challenge(String name, TestBody body, String minimum) {
        @Override
        public String toString() {
            return name;
        }
    }

    // ---------------------------------------------------------------------------- problems

    static Challenge reverse() {
        Gen<List<Integer>> lists = Gens.lists(Gens.ints());
        return new Challenge("reverse", tc -> {
            List<Integer> xs = tc.draw(lists);
            tc.note(xs);
            List<Integer> reversed = new ArrayList<>(xs);
            java.util.Collections.reverse(reversed);
            assertThat(reversed).isEqualTo(xs);
        }, "[0, 1]");
    }

    static Challenge bound5() {
        Gen<List<Integer>> bounded = Gens.lists(Gens.ints(Short.MIN_VALUE, Short.MAX_VALUE), 0, 1)
                .filter(l -> (short) l.stream().mapToInt(Integer::intValue).sum() < 256);
        return new Challenge("bound5", tc -> {
            List<List<Integer>> p = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                p.add(tc.draw(bounded));
            }
            tc.note(p);
            short sum = 0;
            for (List<Integer> l : p) {
                for (int x : l) {
                    sum += (short) x;
                }
            }
            assertThat(sum).isLessThan((short) (5 * 256));
        }, "[[], [], [], [-1], [-32768]]");
    }

    static Challenge largeUnionList() {
        Gen<List<List<Integer>>> gen = Gens.lists(Gens.lists(Gens.ints()));
        return new Challenge("large union list", tc -> {
            List<List<Integer>> ls = tc.draw(gen);
            tc.note(ls);
            HashSet<Integer> union = new HashSet<>();
            ls.forEach(union::addAll);
            assertThat(union.size()).isLessThanOrEqualTo(4);
        }, "[[0, 1, -1, 2, -2]]");
    }

    static Challenge lengthList() {
        Gen<List<Integer>> gen = Gens.ints(1, 100).flatMap(n -> Gens.lists(Gens.ints(0, 1000), n, n));
        return new Challenge("length list", tc -> {
            List<Integer> xs = tc.draw(gen);
            tc.note(xs);
            assertThat(xs.stream().mapToInt(Integer::intValue).max().orElse(0)).isLessThan(900);
        }, "[900]");
    }

    static Challenge difference(String name, java.util.function.IntPredicate failsOnDifference,
                                String minimum) {
        Gen<Integer> positive = Gens.ints(1, Integer.MAX_VALUE);
        return new Challenge(name, tc -> {
            int first = tc.draw(positive);
            int second = tc.draw(positive);
            tc.note("[" + first + ", " + second + "]");
            if (first >= 10) {
                assertThat(failsOnDifference.test(Math.abs(first - second))).isFalse();
            }
        }, minimum);
    }

    static Challenge nestedLists() {
        Gen<List<List<Integer>>> gen = Gens.lists(Gens.lists(Gens.ints(0, 0)));
        return new Challenge("nested lists", tc -> {
            List<List<Integer>> ls = tc.draw(gen);
            tc.note(ls);
            assertThat(ls.stream().mapToInt(List::size).sum()).isLessThanOrEqualTo(10);
        }, "[[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]]");
    }

    static Challenge deletion() {
        Gen<List<Integer>> lists = Gens.lists(Gens.ints());
        Gen<Integer> index = Gens.ints(0, 10);
        return new Challenge("deletion", tc -> {
            List<Integer> ls = tc.draw(lists);
            int i = tc.draw(index);
            tc.note("(" + ls + ", " + i + ")");
            tc.assume(i < ls.size());
            Integer x = ls.get(i);
            List<Integer> copy = new ArrayList<>(ls);
            copy.remove(x);
            assertThat(copy).doesNotContain(x);
        }, "([0, 0], 0)");
    }

    static Challenge distinct() {
        Gen<List<Integer>> lists = Gens.lists(Gens.ints());
        return new Challenge("distinct", tc -> {
            List<Integer> ls = tc.draw(lists);
            tc.note(ls);
            assertThat(new HashSet<>(ls)).hasSizeLessThan(3);
        }, "[0, 1, -1]");
    }

    static Challenge calculator() {
        return new Challenge("calculator", tc -> {
            Expr e = tc.draw(Expr.GEN);
            tc.note(e);
            tc.assume(e.noLiteralDivisionByZero());
            e.evaluate();
        }, "(0 / (0 + 0))");
    }

    /** The calculator language: int literals, sums and (integer) divisions. */
    sealed interface Expr {
        Gen<Expr> GEN = Gens.frequency(
                Gens.weighted(3, Gens.ints().map(Lit::new)),
                Gens.weighted(1, Gens.lazy(() -> Expr.GEN).flatMap(
                        l -> Gens.lazy(() -> Expr.GEN).map(r -> (Expr) new Add(l, r)))),
                Gens.weighted(1, Gens.lazy(() -> Expr.GEN).flatMap(
                        l -> Gens.lazy(() -> Expr.GEN).map(r -> (Expr) new Div(l, r)))));

        int evaluate();

        boolean noLiteralDivisionByZero();
    }

    record Lit(int value) implements Expr {
        public int evaluate() {
            return value;
        }

        public boolean noLiteralDivisionByZero() {
            return true;
        }

        @Override
        public String toString() {
            return Integer.toString(value);
        }
    }

    record Add(Expr left, Expr right) implements Expr {
        public int evaluate() {
            return left.evaluate() + right.evaluate();
        }

        public boolean noLiteralDivisionByZero() {
            return left.noLiteralDivisionByZero() && right.noLiteralDivisionByZero();
        }

        @Override
        public String toString() {
            return "(" + left + " + " + right + ")";
        }
    }

    record Div(Expr left, Expr right) implements Expr {
        public int evaluate() {
            return left.evaluate() / right.evaluate();
        }

        public boolean noLiteralDivisionByZero() {
            return !(right instanceof Lit l && l.value() == 0)
                    && left.noLiteralDivisionByZero() && right.noLiteralDivisionByZero();
        }

        @Override
        public String toString() {
            return "(" + left + " / " + right + ")";
        }
    }

    static Stream<Arguments> challenges() {
        return Stream.of(
                reverse(),
                bound5(),
                largeUnionList(),
                lengthList(),
                difference("difference must not be zero", d -> d == 0, "[10, 10]"),
                difference("difference must not be small", d -> d >= 1 && d <= 4, "[10, 6]"),
                difference("difference must not be one", d -> d == 1, "[10, 9]"),
                nestedLists(),
                deletion(),
                distinct(),
                calculator()).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("challenges")
    void shrinksToTheKnownMinimum(Challenge challenge) {
        List<String> misses = new ArrayList<>();
        for (long seed : SEEDS) {
            Settings settings = Settings.defaults().withTries(2000).withSeed(seed)
                    .withShrinkSeconds(10).withSystemOverrides(false);
            Engine.Outcome o = Engine.run(challenge.body(), settings);
            if (!o.failed()) {
                misses.add("seed " + seed + ": no failure found");
                continue;
            }
            String reached = String.join(" ", o.minimal().notes());
            System.out.printf(Locale.ROOT, "challenge %-30s seed %2d: %-32s tries %4d, shrink calls %5d,"
                            + " %4d ms%s%n", challenge.name(), seed, reached, o.valid(),
                    o.shrinkCalls(), o.shrinkMillis(), o.shrinkCut() ? " CUT" : "");
            if (!reached.equals(challenge.minimum())) {
                misses.add("seed " + seed + ": " + reached);
            }
        }
        assertThat(misses).as("%s: seeds not reaching %s", challenge.name(), challenge.minimum())
                .isEmpty();
    }
}
