package io.vtdoracle.qemu;

import io.vavr.control.Either;
import io.vtdoracle.api.Operation;
import io.vtdoracle.model.Alternative;
import io.vtdoracle.oracle.Oracle;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a scenario against a fresh QEMU and the reference model in lockstep and reports the first step where what
 * QEMU showed is not the projection of any outcome the model allows ({@link Projection}); the oracle keeps every
 * model state consistent with what was seen so far.
 */
public final class QemuJudge {

    private QemuJudge() {
    }

    /** How a scenario ended. */
    public enum Kind {
        /** QEMU showed an outcome the model does not allow. */
        OUTCOME,
        /** QEMU died (an assertion abort) or hung during the step. */
        QEMU_DIED,
        /** The model's states became too many to follow (see {@link Oracle#MAX_CANDIDATES}). */
        AMBIGUOUS
    }

    /** The first divergence of a scenario. */
    public record Divergence(Kind kind, int index, Operation operation, String observed, Set<String> allowed,
                             List<Operation> prefix, List<String> trace, String oracleMessage) {
        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            text.append(kind).append(" at step ").append(index).append(": ").append(operation).append('\n');
            text.append("  QEMU showed: ").append(observed).append('\n');
            text.append("  model allows (projected): ").append(allowed).append('\n');
            text.append("  scenario prefix:\n");
            for (int i = 0; i < prefix.size(); i++) {
                text.append(String.format("    %3d %s%n", i, prefix.get(i)));
            }
            if (!trace.isEmpty()) {
                text.append("  QEMU trace of the step:\n");
                trace.stream().skip(Math.max(0, trace.size() - 40)).forEach(l -> text.append("    | ").append(l)
                        .append('\n'));
            }
            return text.toString();
        }
    }

    /** One judged step. */
    public record Step(Operation operation, Observation observation) {
        @Override
        public String toString() {
            return operation + " -> " + observation;
        }
    }

    /**
     * A judged scenario.
     *
     * @param acceptedUnder the steps the model admitted only under another reading of an open point of the
     *                      specification: "step N: accepted under ambiguity A1 (reading: ...)"
     */
    public record Report(List<Step> steps, Optional<Divergence> divergence, long millis, List<String> acceptedUnder) {
        public boolean agrees() {
            return divergence.isEmpty();
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            divergence.ifPresentOrElse(d -> text.append(d), () -> text.append("QEMU agrees with the model on all ")
                    .append(steps.size()).append(" steps\n"));
            return text.toString();
        }
    }

    /** Judges {@code scenario} on a fresh QEMU (which is stopped afterwards). */
    public static Report judge(List<Operation> scenario) {
        return judge(scenario, Oracle.Judging.DEFAULT);
    }

    /** Judges {@code scenario} on a fresh QEMU with the oracle judging as {@code judging} says. */
    public static Report judge(List<Operation> scenario, Oracle.Judging judging) {
        long start = System.nanoTime();
        try (QemuUnit unit = new QemuUnit(QemuUnit.CAPABILITIES)) {
            return judge(unit, scenario, start, judging);
        }
    }

    static Report judge(QemuUnit unit, List<Operation> scenario, long start, Oracle.Judging judging) {
        Oracle oracle = Oracle.powerOn(QemuUnit.CAPABILITIES, judging);
        List<Step> steps = new ArrayList<>();
        List<String> acceptedUnder = new ArrayList<>();
        for (int i = 0; i < scenario.size(); i++) {
            Operation operation = scenario.get(i);
            Observation observation = unit.observe(operation);
            steps.add(new Step(operation, observation));
            List<Operation> prefix = scenario.subList(0, i + 1);
            if (observation.died()) {
                return new Report(steps, Optional.of(new Divergence(Kind.QEMU_DIED, i, operation,
                        observation.toString(), allowed(oracle, operation, observation), prefix,
                        observation.trace(), "")), millis(start), acceptedUnder);
            }
            Either<String, Oracle> next = oracle.observe(operation,
                    outcome -> Projection.matches(outcome, observation), observation.toString());
            if (next.isLeft()) {
                Kind kind = next.getLeft().startsWith("more than") ? Kind.AMBIGUOUS : Kind.OUTCOME;
                return new Report(steps, Optional.of(new Divergence(kind, i, operation, observation.toString(),
                        allowed(oracle, operation, observation), prefix, observation.trace(), next.getLeft())),
                        millis(start), acceptedUnder);
            }
            oracle = next.get();
            int index = i;
            oracle.acceptedUnder().forEach(note -> acceptedUnder.add("step " + index + ": " + note));
        }
        return new Report(steps, Optional.empty(), millis(start), acceptedUnder);
    }

    static Set<String> allowed(Oracle oracle, Operation operation, Observation observation) {
        Set<String> allowed = new LinkedHashSet<>();
        for (Alternative alternative : oracle.admitted(operation)) {
            allowed.add(observation.died() ? alternative.outcome().toString()
                    : Projection.project(operation, alternative.outcome(), observation.hidden()));
        }
        return allowed;
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
