package io.vtdoracle.cli;

import io.vtdoracle.protocol.Recording;
import io.vtdoracle.protocol.TraceWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --record FILE.jsonl}: writes the trace of every unit the command runs (docs/oracle-protocol.md). */
final class RecordOption {

    @Option(names = "--record", paramLabel = "FILE.jsonl",
            description = "write the trace of the run (a header per unit powered on, a line per step)")
    Path file;

    /** {@code unit} with its units recorded, if asked; the writer to close after the run. */
    Optional<TraceWriter> open() {
        if (file == null) {
            return Optional.empty();
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            return Optional.of(new TraceWriter(out));
        } catch (IOException e) {
            throw new BadArgument("--record " + file + ": cannot write it (" + e.getMessage() + ")");
        }
    }

    static UnitUnderTest recorded(UnitUnderTest unit, Optional<TraceWriter> trace) {
        return trace.map(writer -> unit.with(new Recording(unit.factory(), writer, Optional.of(unit.name()))))
                .orElse(unit);
    }
}
