package io.vtdoracle.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vtdoracle.check.Falsification;
import io.vtdoracle.properties.lockstep.LockstepFailure;
import java.util.List;

/**
 * A property's failure in a report, as data (absent fields are unknown or do not apply).
 *
 * @param property        the property
 * @param step            the failing step of the shrunk script (from 1)
 * @param operation       the operation the unit was given (absent for a check after the whole step)
 * @param seen            what the unit showed
 * @param allowed         what was allowed instead
 * @param section         the specification section of the rule, if known
 * @param message         what failed, in one sentence
 * @param kind            the kind of failure (kept by shrinking)
 * @param seed            the seed of the batch that found it
 * @param script          the shrunk script, the failing step marked {@code <--}
 * @param replayFile      the replay file
 * @param replayCommand   how to replay it exactly
 * @param searchCommand   how to run the search again
 * @param replayFileError why the replay file could not be written
 * @param text            the whole report as the console shows it
 * @param casesToDetection   the campaign's valid cases (every property's) until the failing case, that one included
 * @param secondsToDetection the campaign's seconds until the failing case had failed (shrinking not included)
 * @param cpuSecondsToDetection the same in CPU seconds of the campaign's thread (which a shared machine's load does
 *                           not stretch)
 * @param shrinkSeconds      the seconds spent shrinking it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FailureReport(String property, Integer step, String operation, String seen, String allowed,
                            String section, String message, String kind, Long seed, List<String> script,
                            String replayFile, String replayCommand, String searchCommand, String replayFileError,
                            String text, Long casesToDetection, Double secondsToDetection,
                            Double cpuSecondsToDetection, Double shrinkSeconds) {

    /**
     * The failure of a falsified property, with re-run hints of {@code rerun}, found after {@code cases} valid cases,
     * {@code seconds} and {@code cpuSeconds} of the campaign.
     */
    static FailureReport of(Falsification f, Falsification.Rerun rerun, long cases, double seconds,
                            double cpuSeconds) {
        LockstepFailure at = f.cause() instanceof LockstepFailure l ? l : null;
        return new FailureReport(f.property(), f.step() > 0 ? f.step() : null,
                at == null ? null : at.operation().orElse(null), at == null ? null : at.seen(),
                at == null ? null : at.allowed(), at == null ? null : at.section().orElse(null), f.message(), f.key(),
                f.seed(), f.script(), f.savedFile().map(p -> p.toAbsolutePath().toString()).orElse(null),
                f.savedFile().map(rerun::replay).orElse(null), rerun.search(f), f.unsaved(), f.text(rerun), cases,
                seconds, cpuSeconds, f.shrinkSeconds());
    }

    /** A failure without a counterexample (coverage not reached, too many invalid cases). */
    static FailureReport of(String property, String message) {
        return new FailureReport(property, null, null, null, null, null, message, null, null, null, null, null, null,
                null, message, null, null, null, null);
    }
}
