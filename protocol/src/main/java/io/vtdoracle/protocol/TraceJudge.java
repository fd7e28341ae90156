package io.vtdoracle.protocol;

import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.RemappingUnit;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Streams a trace through the oracle: each header powers a unit on, each step is judged as it is read, and the
 * first step that is not allowed ends the judgement. Either the trace's own observations are judged, or (with a
 * unit factory) a unit is driven with the trace's operations and its outcomes are judged.
 */
public final class TraceJudge {

    private final RemappingUnit.Factory unitUnderTest;
    private final LongConsumer progress;

    private TraceJudge(RemappingUnit.Factory unitUnderTest, LongConsumer progress) {
        this.unitUnderTest = unitUnderTest;
        this.progress = progress;
    }

    /** Judges what the trace says was seen; {@code progress} hears the number of steps judged, now and then. */
    public static TraceJudge ofObservations(LongConsumer progress) {
        return new TraceJudge(null, progress);
    }

    /** Judges units of {@code factory} driven by the trace's operations (the trace's observations are ignored). */
    public static TraceJudge ofUnit(RemappingUnit.Factory factory, LongConsumer progress) {
        return new TraceJudge(factory, progress);
    }

    public Verdict judge(TraceReader trace) {
        StepJudge judge = null;
        RemappingUnit unit = null;
        long steps = 0;
        long units = 0;
        while (true) {
            Optional<TraceEntry> next;
            try {
                next = trace.next();
            } catch (MalformedTraceException e) {
                return new Verdict.Malformed(e.line(), e.field(), e.getMessage(), steps);
            }
            if (next.isEmpty()) {
                progress.accept(steps);
                return new Verdict.Allowed(steps, units);
            }
            TraceEntry entry = next.get();
            if (entry instanceof TraceEntry.Header header) {
                units++;
                judge = new StepJudge(header.capabilities());
                if (unitUnderTest != null) {
                    try {
                        unit = unitUnderTest.create(header.capabilities());
                    } catch (IllegalArgumentException refused) {
                        return new Verdict.Unsupported(refused.getMessage());
                    } catch (UnitFailure failure) {
                        return new Verdict.UnitFailed(steps + 1, failure.getMessage());
                    }
                }
                continue;
            }
            TraceEntry.Step step = (TraceEntry.Step) entry;
            Observation seen = step.seen();
            if (unit != null) {
                try {
                    Outcome outcome = unit.apply(step.operation());
                    seen = Observation.complete(outcome);
                } catch (UnitFailure failure) {
                    return new Verdict.UnitFailed(step.step(), failure.getMessage());
                }
            }
            Optional<Verdict> verdict = judge.observe(step.step(), step.line(), step.operation(), seen);
            if (verdict.isPresent()) {
                return verdict.get();
            }
            steps++;
            if ((steps & 0x3FFF) == 0) {
                progress.accept(steps);
            }
        }
    }
}
