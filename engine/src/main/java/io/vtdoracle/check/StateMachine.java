package io.vtdoracle.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A stateful property: commands run on a model and on the system under test in lockstep.
 *
 * <p>Each step draws a command from {@link #commands(Object)}, which sees the current model state
 * (so generation can depend on it), checks {@link #precondition}, runs the command on the model
 * ({@link #runModel}: the next model state and the expected outcome) and on the system
 * ({@link #runSystem}: the actual outcome), {@link #compare}s the outcomes and checks
 * {@link #invariant}. Commands are drawn from the choice sequence while the model runs, so a shrunk
 * sequence regenerates its commands against the shrunk model's states; a command whose
 * precondition fails makes the case invalid, never a failure.
 *
 * @param <M> the model state (immutable, or mutated in place and returned)
 * @param <S> the system under test
 * @param <C> the commands
 */
public interface StateMachine<M, S, C> {

    /** The model's state before any command. */
    M initialModel();

    /** A fresh system under test. */
    S newSystem() throws Exception;

    /** The commands that may run in model state {@code model}. */
    Gen<? extends C> commands(M model);

    /** Whether {@code command} may run in state {@code model}; if not, the case is invalid. */
    default boolean precondition(M model, C command) {
        return true;
    }

    /** Runs {@code command} on the model: its next state and the outcome it expects. */
    Step<M> runModel(M model, C command);

    /** Runs {@code command} on the system and returns the actual outcome. */
    Object runSystem(S system, C command) throws Exception;

    /** A failure message if the actual outcome is wrong; by default, unless they are equal. */
    default Optional<String> compare(C command, Object expected, Object actual) {
        return Objects.equals(expected, actual)
                ? Optional.empty()
                : Optional.of("expected " + expected + " but was " + actual);
    }

    /** Labels for the run's statistics that only the system's outcome shows; none by default. */
    default List<String> labels(Object actual) {
        return List.of();
    }

    /** A failure message if model and system disagree in a way outcomes do not show. */
    default Optional<String> invariant(M model, S system) {
        return Optional.empty();
    }

    /** Releases the system after a case. */
    default void close(S system) throws Exception {
    }

    /** How a command is printed in a failing script. */
    default String describe(C command) {
        return String.valueOf(command);
    }

    /**
     * What a command did to the model.
     *
     * @param model    the next model state
     * @param expected the outcome the system should produce
     * @param labels   labels for the run's statistics (e.g. {@code "fault=6"})
     */
    record Step<M>(M model, Object expected, List<String> labels) {

        /** Copies the labels. */
        public Step {
            labels = List.copyOf(labels);
        }

        /** A step to {@code model} expecting {@code expected}. */
        public static <M> Step<M> of(M model, Object expected) {
            return new Step<>(model, expected, List.of());
        }

        /** This step with one more label. */
        public Step<M> label(String label) {
            List<String> more = new ArrayList<>(labels);
            more.add(label);
            return new Step<>(model, expected, more);
        }
    }
}
