package io.vtdoracle.check;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A property over the values of one generator: {@code Property.named(..).forAll(gen).check(p)}.
 * The drawn value is the counterexample printed on failure.
 *
 * @param <T> the type of the values
 */
public final class ForAll<T> {

    /** An assertion over one value; fails by throwing. */
    @FunctionalInterface
    public interface Assertion<T> {
        /** Checks {@code value}. */
        void accept(T value) throws Exception;
    }

    private final Property property;
    private final Gen<T> gen;
    private final List<Function<? super T, String>> labelers;

    ForAll(Property property, Gen<T> gen, List<Function<? super T, String>> labelers) {
        this.property = property;
        this.gen = gen;
        this.labelers = List.copyOf(labelers);
    }

    /** Labels each case with {@code labeler}'s result (null: no label). */
    public ForAll<T> label(Function<? super T, String> labeler) {
        List<Function<? super T, String>> more = new ArrayList<>(labelers);
        more.add(labeler);
        return new ForAll<>(property, gen, more);
    }

    /** Labels the cases whose value satisfies {@code condition} with {@code label}. */
    public ForAll<T> classify(Predicate<? super T> condition, String label) {
        return label(v -> condition.test(v) ? label : null);
    }

    /** Checks that {@code predicate} holds for every value. */
    public Report check(Predicate<? super T> predicate) {
        return verify(value -> {
            if (!predicate.test(value)) {
                throw new PropertyFailure("predicate returned false", "predicate returned false");
            }
        });
    }

    /** Runs {@code assertion} on every value. */
    public Report verify(Assertion<? super T> assertion) {
        return property.check(tc -> {
            T value = tc.draw(gen);
            tc.note(value);
            for (Function<? super T, String> labeler : labelers) {
                String label = labeler.apply(value);
                if (label != null) {
                    tc.label(label);
                }
            }
            assertion.accept(value);
        });
    }
}
