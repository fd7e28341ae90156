package io.vtdoracle.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.protocol.Json;
import io.vtdoracle.protocol.JsonFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Which unit, with which pinned capabilities, a replay file's failure was found against, kept beside the replay
 * file (the engine's file, whose fields its checksum covers) in {@code FILE.unit}: {@code unit=} and
 * {@code capabilities=} lines (the capabilities as one line of JSON), so that replay runs the same unit.
 *
 * @param unit         the unit's name ({@code impl}, {@code model}, {@code class:NAME}, {@code cmd:COMMAND})
 * @param capabilities the pinned capabilities, if the run pinned them
 */
record ReplayUnit(String unit, Optional<Capabilities> capabilities) {

    /** Writes the unit's lines beside the replay file of {@code property} in {@code failureDir}, if it was written. */
    void writeBeside(Path failureDir, String property) {
        Path replayFile = failureDir.resolve(property.replaceAll("[^A-Za-z0-9._-]", "_") + ".txt");
        if (!Files.isRegularFile(replayFile)) {
            return;
        }
        Path file = beside(replayFile);
        String lines = "unit=" + unit + "\n" + capabilities.map(c -> "capabilities=" + Json.line(Json.encode(c)) + "\n")
                .orElse("");
        try {
            Files.writeString(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadArgument("cannot write " + file + " beside the replay file: " + e.getMessage());
        }
    }

    /** The file beside {@code replayFile} that names its unit. */
    static Path beside(Path replayFile) {
        return replayFile.resolveSibling(replayFile.getFileName() + ".unit");
    }

    /** The unit of a replay file; the built-in implementation where no unit file lies beside it. */
    static ReplayUnit of(Path replayFile) {
        String unit = "impl";
        Optional<Capabilities> capabilities = Optional.empty();
        Path file = beside(replayFile);
        if (!Files.isRegularFile(file)) {
            return new ReplayUnit(unit, capabilities);
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith("unit=")) {
                    unit = line.substring("unit=".length()).strip();
                } else if (line.startsWith("capabilities=")) {
                    JsonNode node = Json.parse(line.substring("capabilities=".length()));
                    capabilities = Optional.of(Json.capabilities(node, "capabilities"));
                }
            }
        } catch (IOException e) {
            throw new BadArgument("cannot read " + file + ": " + e.getMessage());
        } catch (JsonFormatException e) {
            throw new BadArgument(file + ": " + e.getMessage());
        }
        return new ReplayUnit(unit, capabilities);
    }
}
