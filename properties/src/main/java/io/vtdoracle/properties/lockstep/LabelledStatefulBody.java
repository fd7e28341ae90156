package io.vtdoracle.properties.lockstep;

import io.vtdoracle.check.PropertyFailure;
import io.vtdoracle.check.StateMachine;
import io.vtdoracle.check.TestBody;
import io.vtdoracle.check.TestCase;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@link LockstepMachine} on one test case like the engine's stateful runner (a "continue?" choice before
 * each command, the numbered script noted on failure), and also counts the labels the system reports in its
 * {@link StepReport}s, which the engine's runner cannot see.
 */
public final class LabelledStatefulBody implements TestBody {

    private static final java.util.concurrent.atomic.AtomicLong COMMANDS = new java.util.concurrent.atomic.AtomicLong();

    private final LockstepMachine machine;
    private final int maxSteps;

    public LabelledStatefulBody(LockstepMachine machine, int maxSteps) {
        this.machine = machine;
        this.maxSteps = maxSteps;
    }

    @Override
    public void run(TestCase tc) throws Exception {
        double pContinue = 1 - 1 / (1 + maxSteps / 2.0);
        List<String> script = new ArrayList<>();
        var model = machine.initialModel();
        LockstepSystem system = machine.newSystem();
        for (int step = 1; step <= maxSteps && tc.weighted(pContinue); step++) {
            var command = tc.draw(machine.commands(model));
            if (!machine.precondition(model, command)) {
                tc.reject();
            }
            script.add(step + ". " + command);
            COMMANDS.incrementAndGet();
            Object report;
            try {
                StateMachine.Step<?> ignored = machine.runModel(model, command);
                report = machine.runSystem(system, command);
            } catch (PropertyFailure failure) {
                noteScript(tc, script, failure.getMessage());
                throw failure;
            } catch (Exception | Error e) {
                noteScript(tc, script, "threw " + e);
                throw e;
            }
            if (report instanceof StepReport r) {
                r.labels().forEach(tc::label);
            }
        }
    }

    /** Commands run by all bodies of this JVM so far (for steps-per-second figures). */
    public static long commandsRun() {
        return COMMANDS.get();
    }

    private static void noteScript(TestCase tc, List<String> script, String message) {
        if (!tc.isRecording()) {
            return;
        }
        for (int i = 0; i < script.size() - 1; i++) {
            tc.note(script.get(i));
        }
        tc.note(script.get(script.size() - 1) + "  <-- " + message);
    }
}
