package io.vtdoracle.oracle;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.model.Expectation;
import io.vtdoracle.model.ReferenceModel;
import io.vtdoracle.model.UnitState;

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
        List<Expectation> expectations = candidates.map(state -> ReferenceModel.step(state, operation));
        List<UnitState> next = expectations.flatMap(expectation -> expectation.admitted(actual));
        if (next.size() > 1) {
            next = next.distinct();
        }
        if (next.isEmpty()) {
            return Either.left("outcome " + actual + " of " + operation + " is not allowed; allowed: "
                    + expectations.map(Expectation::allowedOutcomes).distinct().mkString(" | "));
        }
        if (next.size() > MAX_CANDIDATES) {
            return Either.left("more than " + MAX_CANDIDATES + " model states are consistent with the outcomes so"
                    + " far; the scenario is too ambiguous to judge after " + operation);
        }
        return Either.right(new Oracle(next));
    }
}
