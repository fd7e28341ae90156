package io.vtdoracle.oracle;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.model.Alternative;
import io.vtdoracle.model.Expectation;
import io.vtdoracle.model.ReferenceModel;
import io.vtdoracle.model.UnitState;

import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Judges another unit's outcomes against the reference model, step by step. Because the architecture allows
 * several behaviours, more than one model state can be consistent with what the unit has shown so far (a fault
 * that was collapsed or dropped for overflow looks the same until FSTS is read); the oracle keeps all of them
 * and narrows the set as outcomes tell them apart. Immutable.
 *
 * @param candidates the model states consistent with every outcome observed, never empty
 */
public record Oracle(List<UnitState> candidates) {

    /** More candidates than this means the unit's behaviour can no longer be followed: a verdict of its own. */
    public static final int MAX_CANDIDATES = 64;

    /** An oracle for a unit with these capabilities, right after power-on. */
    public static Oracle powerOn(Capabilities capabilities) {
        return new Oracle(List.of(ReferenceModel.powerOn(capabilities)));
    }

    /** One of the states the unit may be in (the first, which a unit caching nothing would be in). */
    public UnitState state() {
        return candidates.head();
    }

    /** The expectation of the first candidate state, e.g. to see which outcomes were allowed. */
    public Expectation expect(Operation operation) {
        return ReferenceModel.step(state(), operation);
    }

    /**
     * The oracle after the unit answered {@code operation} with {@code actual}, or why the architecture does not
     * allow that outcome from any state the unit may be in.
     */
    public Either<String, Oracle> observe(Operation operation, Outcome actual) {
        return observe(operation, actual::equals, actual::toString);
    }

    /**
     * The oracle after a unit that shows only part of its outcomes (an external emulator observed through its
     * registers and memory) answered {@code operation} with something {@code seen} accepts; {@code described}
     * says what was seen, for the report.
     */
    public Either<String, Oracle> observe(Operation operation, Predicate<Outcome> seen, String described) {
        return observe(operation, seen, () -> described);
    }

    private Either<String, Oracle> observe(Operation operation, Predicate<Outcome> seen, Supplier<String> described) {
        List<Expectation> expectations = candidates.map(state -> ReferenceModel.step(state, operation));
        List<UnitState> next = expectations.flatMap(expectation -> expectation.alternatives()
                .filter(alternative -> seen.test(alternative.outcome())).map(Alternative::next));
        next = Expectation.withoutRepeats(next);
        if (next.isEmpty()) {
            return Either.left("outcome " + described.get() + " of " + operation + " is not allowed; allowed: "
                    + expectations.map(Expectation::allowedOutcomes).distinct().mkString(" | "));
        }
        if (next.size() > MAX_CANDIDATES) {
            return Either.left("more than " + MAX_CANDIDATES + " model states are consistent with the outcomes so"
                    + " far; the scenario is too ambiguous to judge after " + operation);
        }
        return Either.right(new Oracle(next));
    }
}
