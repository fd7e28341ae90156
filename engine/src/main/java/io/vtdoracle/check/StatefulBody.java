package io.vtdoracle.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a {@link StateMachine} on one test case: up to {@code maxSteps} commands, each preceded by
 * a "continue?" choice (so deleting its choices deletes a command). On failure the final replay
 * notes the numbered script, marking the failing step with its message (a {@link PropertyFailure}
 * thrown by the system is the step's failure, its message the mark).
 */
final class StatefulBody<M, S, C> implements TestBody {

    private final StateMachine<M, S, C> machine;
    private final int maxSteps;
    private final double pContinue;

    StatefulBody(StateMachine<M, S, C> machine, int maxSteps) {
        this.machine = machine;
        this.maxSteps = maxSteps;
        this.pContinue = 1 - 1 / (1 + maxSteps / 2.0);
    }

    @Override
    public void run(TestCase tc) throws Exception {
        List<String> script = new ArrayList<>();
        M model = machine.initialModel();
        S system = machine.newSystem();
        try {
            checkInvariant(tc, model, system, script);
            for (int step = 1; step <= maxSteps && tc.weighted(pContinue); step++) {
                C command = tc.draw(machine.commands(model));
                if (!machine.precondition(model, command)) {
                    tc.reject();
                }
                script.add(step + ". " + machine.describe(command));
                StateMachine.Step<M> next;
                Object actual;
                try {
                    next = machine.runModel(model, command);
                    actual = machine.runSystem(system, command);
                } catch (PropertyFailure failure) {
                    noteScript(tc, script, failure.getMessage());
                    throw failure;
                } catch (Exception | AssertionError e) {
                    noteScript(tc, script, "threw " + e);
                    throw e;
                }
                next.labels().forEach(tc::label);
                machine.labels(actual).forEach(tc::label);
                Optional<String> mismatch = machine.compare(command, next.expected(), actual);
                if (mismatch.isPresent()) {
                    noteScript(tc, script, mismatch.get());
                    throw new PropertyFailure("outcome mismatch on " + kind(command),
                            "step " + script.get(script.size() - 1) + ": " + mismatch.get());
                }
                model = next.model();
                checkInvariant(tc, model, system, script);
            }
        } finally {
            machine.close(system);
        }
    }

    private void checkInvariant(TestCase tc, M model, S system, List<String> script) {
        Optional<String> broken = machine.invariant(model, system);
        if (broken.isPresent()) {
            noteScript(tc, script, "invariant: " + broken.get());
            String where = script.isEmpty() ? "initially" : "after step " + script.size();
            throw new PropertyFailure("invariant violated", where + ": " + broken.get());
        }
    }

    private static void noteScript(TestCase tc, List<String> script, String message) {
        if (!tc.isRecording()) {
            return;
        }
        if (script.isEmpty()) {
            tc.note("(no commands)  <-- " + message);
            return;
        }
        for (int i = 0; i < script.size() - 1; i++) {
            tc.note(script.get(i));
        }
        tc.note(script.get(script.size() - 1) + "  <-- " + message);
    }

    private static String kind(Object command) {
        return command instanceof Enum<?> e ? e.name() : command.getClass().getSimpleName();
    }
}
