package io.vtdoracle.vectors;

import io.vavr.control.Either;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.oracle.Oracle;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs vectors against a unit and judges each step exactly with the {@link Oracle}: the Oracle follows the
 * history the unit actually shows, so a step is held to what the architecture allows after <em>that</em> history,
 * not to the union the file lists. A factory that refuses a vector's capabilities with an
 * {@link IllegalArgumentException} (as {@code ProcessUnitFactory} does for a program's "unsupported") makes the vector
 * unsupported; any other failure to make or drive the unit fails it.
 */
public final class VectorRunner {

    private final RemappingUnit.Factory factory;
    private final Oracle.Judging judging;

    public VectorRunner(RemappingUnit.Factory factory, Oracle.Judging judging) {
        this.factory = factory;
        this.judging = judging;
    }

    public List<VectorResult> run(VectorSet set) {
        List<VectorResult> results = new ArrayList<>();
        set.vectors().forEach(vector -> results.add(run(vector)));
        return results;
    }

    public VectorResult run(Vector vector) {
        RemappingUnit unit;
        try {
            unit = factory.create(vector.capabilities());
        } catch (IllegalArgumentException refused) {
            return new VectorResult(vector.id(), vector.chapter(), VectorResult.Status.UNSUPPORTED, -1,
                    "the unit refused the capabilities: " + refused.getMessage(), List.of());
        } catch (RuntimeException failure) {
            return new VectorResult(vector.id(), vector.chapter(), VectorResult.Status.FAILED, -1,
                    "the unit could not be made: " + failure.getMessage(), List.of());
        }
        try {
            return judge(vector, unit);
        } finally {
            if (unit instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // The verdict is already made; a unit that fails to close does not change it.
                }
            }
        }
    }

    private VectorResult judge(Vector vector, RemappingUnit unit) {
        Oracle oracle = Oracle.powerOn(vector.capabilities(), judging);
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < vector.steps().size(); i++) {
            Operation operation = vector.steps().get(i).operation();
            Outcome actual;
            try {
                actual = unit.apply(operation);
            } catch (RuntimeException failure) {
                return failed(vector, i, "the unit failed on " + operation + ": " + failure, notes);
            }
            Either<String, Oracle> verdict = oracle.observe(operation, actual);
            if (verdict.isLeft()) {
                return failed(vector, i, verdict.getLeft(), notes);
            }
            oracle = verdict.get();
            int index = i;
            oracle.acceptedUnder().forEach(note -> notes.add("step " + index + ": " + note));
        }
        return new VectorResult(vector.id(), vector.chapter(), VectorResult.Status.PASSED, -1, "", notes);
    }

    private static VectorResult failed(Vector vector, int step, String message, List<String> notes) {
        return new VectorResult(vector.id(), vector.chapter(), VectorResult.Status.FAILED, step,
                "step " + step + ": " + message, notes);
    }
}
