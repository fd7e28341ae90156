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
 * Which unit, with which pinned capabilities, a replay file's failure was found against: {@code unit=} and
 * {@code capabilities=} lines (the capabilities as one line of JSON), so that replay runs the same unit.
 *
 * @param unit         the unit's name ({@code impl}, {@code model}, {@code class:NAME}, {@code cmd:COMMAND})
 * @param capabilities the pinned capabilities, if the run pinned them
 */
record ReplayUnit(String unit, Optional<Capabilities> capabilities) {

    /** Adds the unit's lines to the replay file of {@code property} in {@code failureDir}, if it was written. */
    void appendTo(Path failureDir, String property) {
        Path file = failureDir.resolve(property.replaceAll("[^A-Za-z0-9._-]", "_") + ".txt");
        if (!Files.isRegularFile(file)) {
            return;
        }
        String lines = "unit=" + unit + "\n" + capabilities.map(c -> "capabilities=" + Json.line(Json.encode(c)) + "\n")
                .orElse("");
        try {
            Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new BadArgument("cannot add the unit to replay file " + file + ": " + e.getMessage());
        }
    }

    /** The unit a replay file names; the built-in implementation for files that name none. */
    static ReplayUnit of(Path file) {
        String unit = "impl";
        Optional<Capabilities> capabilities = Optional.empty();
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
            throw new BadArgument("cannot read replay file " + file + ": " + e.getMessage());
        } catch (JsonFormatException e) {
            throw new BadArgument("replay file " + file + ": " + e.getMessage());
        }
        return new ReplayUnit(unit, capabilities);
    }
}
