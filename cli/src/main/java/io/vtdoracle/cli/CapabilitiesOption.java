package io.vtdoracle.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.protocol.Json;
import io.vtdoracle.protocol.JsonFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --capabilities FILE.json | key=value,...}: pins the capabilities (CAP/ECAP and the rest) of every unit. */
final class CapabilitiesOption {

    @Option(names = "--capabilities", paramLabel = "FILE.json|KEY=VALUE,...",
            description = "pin the unit's capabilities: a JSON file as in a trace header, or a list such as"
                    + " cap=0xd2008c22260286,ecap=0xf00f5a,guestMemoryBytes=0x40000000 or addressWidth=48,"
                    + "cachingMode=false (absent fields: QEMU's defaults)")
    String spec;

    /** The pinned capabilities, if the option was given. */
    Optional<Capabilities> pinned() {
        if (spec == null) {
            return Optional.empty();
        }
        try {
            if (spec.endsWith(".json")) {
                return Optional.of(Json.capabilities(Json.parse(Files.readString(Path.of(spec))), ""));
            }
            return Optional.of(Json.capabilities(keyValues(spec), ""));
        } catch (IOException e) {
            throw new BadArgument("--capabilities " + spec + ": cannot read it (" + e.getMessage() + ")");
        } catch (JsonFormatException e) {
            throw new BadArgument("--capabilities " + spec + ": " + e.getMessage());
        }
    }

    private static ObjectNode keyValues(String spec) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (String pair : spec.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new BadArgument("--capabilities: '" + pair + "' is not KEY=VALUE");
            }
            String key = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            if (value.equals("true") || value.equals("false")) {
                node.put(key, Boolean.parseBoolean(value));
            } else {
                node.put(key, value);
            }
        }
        return node;
    }
}
