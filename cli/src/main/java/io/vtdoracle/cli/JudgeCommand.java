package io.vtdoracle.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vtdoracle.protocol.TraceJudge;
import io.vtdoracle.protocol.TraceReader;
import io.vtdoracle.protocol.Verdict;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code judge TRACE.jsonl}: streams a trace through the oracle, or drives a unit with its operations. */
@Command(name = "judge", mixinStandardHelpOptions = true,
        description = "Judges a trace (docs/oracle-protocol.md) step by step against the reference model, in"
                + " constant memory. With --unit, --unit-class or --unit-cmd, drives that unit with the trace's"
                + " operations and judges its outcomes instead.%n"
                + "Exit code 0: every step allowed; 1: a step was not allowed (or the unit failed); 2: malformed"
                + " trace or bad arguments; 4: the unit does not support the trace's capabilities.")
final class JudgeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "TRACE.jsonl", description = "the trace; - reads standard input")
    Path trace;

    @Option(names = "--report", paramLabel = "FILE.json", description = "write the verdict as JSON")
    Path report;

    @Mixin
    UnitOptions unitOptions;

    @Override
    public Integer call() throws IOException {
        boolean stdin = trace.toString().equals("-");
        if (!stdin && !Files.isRegularFile(trace)) {
            throw new BadArgument("trace " + trace + " does not exist");
        }
        long size = stdin ? 0 : Files.size(trace);
        CountingInput counted = new CountingInput(stdin ? System.in : Files.newInputStream(trace));
        Verdict verdict;
        try (TraceReader reader = new TraceReader(new BufferedReader(new InputStreamReader(counted,
                StandardCharsets.UTF_8), 1 << 16));
             Progress progress = JudgeProgress.open(size)) {
            java.util.function.LongConsumer onSteps = steps -> progress.update(counted.count(), size,
                    steps + " steps");
            if (unitOptions.given()) {
                try (UnitUnderTest unit = unitOptions.open()) {
                    verdict = TraceJudge.ofUnit(unit.factory(), onSteps).judge(reader);
                }
            } else {
                verdict = TraceJudge.ofObservations(onSteps).judge(reader);
            }
        }
        System.out.println(verdict.text());
        if (report != null) {
            Path parent = report.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(report.toFile(), verdict.json());
        }
        return verdict.exitCode();
    }
}
