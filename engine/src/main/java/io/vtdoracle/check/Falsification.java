package io.vtdoracle.check;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A property's minimal counterexample as data: what a {@link PropertyFalsified} carries, for a report or a tool
 * to use without parsing text.
 *
 * @param property     the property
 * @param seed         the seed of the run that found it (or of the replay file's run)
 * @param validCases   valid cases tried, the failing one included
 * @param invalidCases invalid cases generated on the way
 * @param search       how it was found and shrunk, or which file it was replayed from
 * @param script       the shrunk counterexample, one line per drawn value or numbered command; the failing step's
 *                     line is marked {@code <--}
 * @param step         the failing step of a stateful script (numbered from 1), or 0
 * @param key          the kind of failure, kept by shrinking
 * @param message      what failed
 * @param cause        what the property threw: a {@link PropertyFailure} (a harness may subclass it with the
 *                     details of its own checks) or any other throwable
 * @param choices      the shrunk choices
 * @param replayFile   the replay file written (or replayed), or null if it could not be written
 * @param unsaved      why the replay file could not be written, or null
 * @param replayed     whether the case came from a replay file rather than a search
 * @param searchSeconds seconds the search took until the failing case had failed, that case included (0 for a
 *                     replay)
 * @param searchCpuSeconds the same in CPU seconds of the searching thread (which a shared machine's load does not
 *                     stretch)
 * @param shrinkSeconds seconds spent shrinking it
 */
public record Falsification(String property, long seed, int validCases, int invalidCases, String search,
                            List<String> script, int step, String key, String message, Throwable cause,
                            ChoiceSequence choices, Path replayFile, String unsaved, boolean replayed,
                            double searchSeconds, double searchCpuSeconds, double shrinkSeconds) {

    /** How a user re-runs a failure, in the terms of the tool that ran it. */
    public interface Rerun {

        /** How to run the search again, e.g. {@code -Dvtd.seed=42}; null if it cannot be said. */
        String search(Falsification falsification);

        /** How to replay the saved case exactly, e.g. {@code -Dvtd.replay=FILE}. */
        String replay(Path file);

        /** The seed as the user knows it; by default the seed of the run. */
        default String seed(Falsification falsification) {
            return Long.toString(falsification.seed());
        }
    }

    /** The hints of a JUnit run: system properties of the build. */
    public static final Rerun SYSTEM_PROPERTIES = new Rerun() {
        @Override
        public String search(Falsification f) {
            return "-Dvtd.seed=" + f.seed();
        }

        @Override
        public String replay(Path file) {
            return "-Dvtd.replay=" + file.toAbsolutePath();
        }
    };

    public Falsification {
        script = List.copyOf(script);
        Objects.requireNonNull(choices);
    }

    /** The replay file, if one was written (or replayed). */
    public Optional<Path> savedFile() {
        return Optional.ofNullable(replayFile);
    }

    /** The report: the counterexample, the failure, and how to re-run it in the terms of {@code rerun}. */
    public String text(Rerun rerun) {
        StringBuilder sb = new StringBuilder();
        sb.append("Property '").append(property).append("' falsified: ").append(search).append('\n');
        sb.append("Minimal counterexample:\n");
        if (script.isEmpty()) {
            sb.append("  (nothing drawn)\n");
        }
        for (String line : script) {
            sb.append("  ").append(line.replace("\n", "\n  ")).append('\n');
        }
        sb.append("Failure: ").append(message).append('\n');
        String hint = rerun.search(this);
        sb.append("Seed: ").append(rerun.seed(this));
        if (hint != null) {
            sb.append("  (rerun the search: ").append(hint).append(')');
        }
        sb.append('\n');
        if (replayFile != null) {
            sb.append("Replay: ").append(rerun.replay(replayFile)).append("  (choices: ").append(choices).append(')');
        } else {
            sb.append("Replay file NOT saved: ").append(unsaved).append("  (choices: ").append(choices).append(')');
        }
        return sb.toString();
    }
}
