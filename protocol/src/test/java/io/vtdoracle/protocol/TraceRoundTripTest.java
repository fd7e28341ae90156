package io.vtdoracle.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.api.Result;
import io.vtdoracle.impl.FastRemappingUnit;
import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Traces recorded from units judge as the units deserve: clean for the implementation, caught at a seeded fault. */
class TraceRoundTripTest {

    private static String record(RemappingUnit.Factory factory, List<Operation> operations) {
        StringWriter text = new StringWriter();
        TraceWriter trace = new TraceWriter(text);
        RemappingUnit unit = new Recording(factory, trace, Optional.of("test")).create(Capabilities.DEFAULT);
        operations.forEach(unit::apply);
        return text.toString();
    }

    private static Verdict judge(String trace) {
        return TraceJudge.ofObservations(steps -> { }).judge(new TraceReader(new BufferedReader(new StringReader(trace))));
    }

    /** The implementation, with the first translated DMA at or after step {@code from} answered one page off. */
    private static RemappingUnit.Factory faultyFrom(int from) {
        return capabilities -> {
            RemappingUnit unit = new FastRemappingUnit(capabilities);
            int[] step = {0};
            boolean[] done = {false};
            return operation -> {
                Outcome outcome = unit.apply(operation);
                if (++step[0] >= from && !done[0] && outcome.result() instanceof Result.Translated t) {
                    done[0] = true;
                    return new Outcome(new Result.Translated(t.address() + 0x1000, t.pageMask(), t.permission()),
                            outcome.events());
                }
                return outcome;
            };
        };
    }

    @Test
    void traceOfTheImplementationIsAllowed() {
        String trace = record(FastRemappingUnit::new, GuestScript.operations(1, 300));
        assertThat(trace.lines().count()).isEqualTo(1 + GuestScript.operations(1, 300).size());
        Verdict verdict = judge(trace);
        assertThat(verdict).isInstanceOf(Verdict.Allowed.class);
        assertThat(trace).contains("\"kind\":\"translated\"").contains("\"event\":\"fault\"").contains("\"event\":\"map\"");
    }

    @Test
    void traceOfAFaultyUnitIsRejectedAtTheFaultyStep() {
        List<Operation> operations = GuestScript.operations(1, 300);
        String trace = record(faultyFrom(40), operations);
        Verdict verdict = judge(trace);
        assertThat(verdict).isInstanceOf(Verdict.Disallowed.class);
        Verdict.Disallowed disallowed = (Verdict.Disallowed) verdict;
        assertThat(disallowed.step()).isGreaterThanOrEqualTo(40);
        assertThat(disallowed.line()).isEqualTo(disallowed.step() + 1);
        assertThat(disallowed.operation()).isEqualTo(operations.get((int) disallowed.step() - 1));
        assertThat(disallowed.text()).contains("disallowed at step " + disallowed.step()).contains("seen:")
                .contains("allowed:");
        assertThat(disallowed.json().get("verdict").asText()).isEqualTo("disallowed");
    }

    @Test
    void eventDiffNamesMissingAndExtraEvents() {
        List<Operation> operations = GuestScript.operations(2, 0);
        RemappingUnit.Factory dropsMaps = capabilities -> {
            RemappingUnit unit = new FastRemappingUnit(capabilities);
            return operation -> {
                Outcome outcome = unit.apply(operation);
                return operation instanceof Operation.Replay ? Outcome.of(outcome.result()) : outcome;
            };
        };
        Verdict.Disallowed verdict = (Verdict.Disallowed) judge(record(dropsMaps, operations));
        assertThat(verdict.operation()).isInstanceOf(Operation.Replay.class);
        assertThat(verdict.missing()).isNotEmpty();
        assertThat(verdict.extra()).isEmpty();
        assertThat(verdict.text()).contains("missing: L1 MAP");
    }

    @Test
    void partialObservationJudgesOnlyWhatWasSeen() {
        String full = record(faultyFrom(1), GuestScript.operations(3, 50));
        StringBuilder eventsOnly = new StringBuilder();
        full.lines().forEach(line -> eventsOnly.append(line.replaceAll("\"result\":\\{[^}]*},", "")).append('\n'));
        assertThat(judge(full)).isInstanceOf(Verdict.Disallowed.class);
        assertThat(judge(eventsOnly.toString())).as("the corrupted results are not observed")
                .isInstanceOf(Verdict.Allowed.class);
    }

    @Test
    void malformedLineIsNamedAndNothingPastItIsJudged() {
        String trace = record(FastRemappingUnit::new, GuestScript.operations(1, 5));
        List<String> lines = new java.util.ArrayList<>(trace.lines().toList());
        lines.set(3, lines.get(3).replace("\"op\":{\"op\":\"write-memory\"", "\"op\":{\"op\":\"write-mem\""));
        lines.set(10, "garbage");
        Verdict verdict = judge(String.join("\n", lines));
        assertThat(verdict).isInstanceOf(Verdict.Malformed.class);
        Verdict.Malformed malformed = (Verdict.Malformed) verdict;
        assertThat(malformed.line()).isEqualTo(4);
        assertThat(malformed.field()).isEqualTo("op.op");
        assertThat(malformed.stepsJudged()).isEqualTo(2);
        assertThat(judge("{\"step\":1,\"op\":{\"op\":\"replay\",\"listener\":1}}")).isInstanceOf(Verdict.Malformed.class);
        assertThat(((Verdict.Malformed) judge("")).problem()).contains("empty");
    }

    @Test
    void judgingAUnitOnATraceDrivesItWithTheTraceOperations() {
        String trace = record(FastRemappingUnit::new, GuestScript.operations(4, 100));
        TraceReader reader = new TraceReader(new BufferedReader(new StringReader(trace)));
        assertThat(TraceJudge.ofUnit(faultyFrom(30), steps -> { }).judge(reader)).isInstanceOf(Verdict.Disallowed.class);
        TraceReader again = new TraceReader(new BufferedReader(new StringReader(trace)));
        RemappingUnit.Factory refuses = capabilities -> {
            throw new IllegalArgumentException("only 48-bit units");
        };
        Verdict unsupported = TraceJudge.ofUnit(refuses, steps -> { }).judge(again);
        assertThat(unsupported.exitCode()).isEqualTo(Verdict.UNSUPPORTED);
        assertThat(unsupported.text()).contains("only 48-bit units");
    }
}
