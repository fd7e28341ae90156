package io.vtdoracle.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.protocol.Json;
import io.vtdoracle.protocol.JsonFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A vector as a JSON file (docs/oracle-protocol.md, "Vectors"; docs/vectors.schema.json): its header fields one
 * per line, then one line per step, so a change of the model shows as a diff of the steps it touches. Operations,
 * outcomes and capabilities use the protocol's encoding ({@link Json}).
 */
public final class VectorCodec {

    private VectorCodec() {
    }

    /** The file's text, the same bytes for the same vector. */
    public static String write(Vector vector) {
        StringBuilder text = new StringBuilder("{\n");
        field(text, "id", JsonNodeFactory.instance.textNode(vector.id()));
        field(text, "chapter", JsonNodeFactory.instance.textNode(vector.chapter().directory()));
        field(text, "title", JsonNodeFactory.instance.textNode(vector.title()));
        field(text, "origin", JsonNodeFactory.instance.textNode(vector.origin()));
        field(text, "sections", strings(vector.sections()));
        field(text, "flags", strings(vector.flags()));
        field(text, "capabilities", Json.encode(vector.capabilities()));
        text.append("  \"steps\": [\n");
        for (int i = 0; i < vector.steps().size(); i++) {
            text.append("    ").append(Json.line(encode(vector.steps().get(i))))
                    .append(i + 1 < vector.steps().size() ? ",\n" : "\n");
        }
        return text.append("  ]\n}\n").toString();
    }

    private static void field(StringBuilder text, String name, JsonNode value) {
        text.append("  \"").append(name).append("\": ").append(Json.line(value)).append(",\n");
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        values.forEach(array::add);
        return array;
    }

    static ObjectNode encode(Step step) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.set("operation", Json.encode(step.operation()));
        node.put("probe", step.probe());
        if (step.historyDependent()) {
            node.put("historyDependent", true);
        }
        ArrayNode allowed = node.putArray("allowed");
        for (Allowed outcome : step.allowed()) {
            ObjectNode entry = Json.encode(outcome.outcome());
            entry.set("sections", strings(outcome.sections()));
            outcome.ambiguity().ifPresent(id -> entry.put("ambiguity", id));
            allowed.add(entry);
        }
        return node;
    }

    /** The vector in {@code text}; errors name the field, under {@code at} (the file). */
    public static Vector read(String text, String at) {
        JsonNode node = Json.parse(text);
        requireObject(node, at);
        String id = text(node, at, "id");
        String chapterName = text(node, at, "chapter");
        Chapter chapter = Chapter.named(chapterName).orElseThrow(() -> new JsonFormatException(
                at + ".chapter", "not a chapter of the vector set: " + chapterName));
        if (!id.startsWith(chapterName + "/")) {
            throw new JsonFormatException(at + ".id", "must start with its chapter \"" + chapterName + "/\": " + id);
        }
        Capabilities capabilities = Json.capabilities(required(node, at, "capabilities"), at + ".capabilities");
        List<String> flags = strings(node, at, "flags");
        List<String> divergences = new ArrayList<>();
        List<String> ambiguities = new ArrayList<>();
        for (String flag : flags) {
            if (flag.startsWith("qemu-divergence:")) {
                divergences.add(flag.substring("qemu-divergence:".length()));
            } else if (flag.startsWith("ambiguity:")) {
                ambiguities.add(flag.substring("ambiguity:".length()));
            }
        }
        JsonNode stepNodes = array(node, at, "steps");
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < stepNodes.size(); i++) {
            steps.add(step(stepNodes.get(i), at + ".steps[" + i + "]"));
        }
        return new Vector(id, chapter, text(node, at, "title"), text(node, at, "origin"), capabilities,
                strings(node, at, "sections"), divergences, ambiguities, steps);
    }

    private static Step step(JsonNode node, String at) {
        requireObject(node, at);
        Operation operation = Json.operation(required(node, at, "operation"), at + ".operation");
        JsonNode allowedNodes = array(node, at, "allowed");
        if (allowedNodes.isEmpty()) {
            throw new JsonFormatException(at + ".allowed", "a step allows at least one outcome");
        }
        List<Allowed> allowed = new ArrayList<>();
        for (int i = 0; i < allowedNodes.size(); i++) {
            String where = at + ".allowed[" + i + "]";
            JsonNode entry = allowedNodes.get(i);
            requireObject(entry, where);
            Outcome outcome = Json.outcome(entry, where);
            Optional<String> ambiguity = entry.hasNonNull("ambiguity")
                    ? Optional.of(text(entry, where, "ambiguity")) : Optional.empty();
            allowed.add(new Allowed(outcome, strings(entry, where, "sections"), ambiguity));
        }
        return new Step(operation, bool(node, at, "probe"), allowed,
                node.hasNonNull("historyDependent") && bool(node, at, "historyDependent"));
    }

    static void requireObject(JsonNode node, String at) {
        if (!node.isObject()) {
            throw new JsonFormatException(at, "must be a JSON object, not " + node);
        }
    }

    static JsonNode required(JsonNode node, String at, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new JsonFormatException(at + "." + field, "missing");
        }
        return value;
    }

    static String text(JsonNode node, String at, String field) {
        JsonNode value = required(node, at, field);
        if (!value.isTextual()) {
            throw new JsonFormatException(at + "." + field, "must be a string, not " + value);
        }
        return value.asText();
    }

    private static boolean bool(JsonNode node, String at, String field) {
        JsonNode value = required(node, at, field);
        if (!value.isBoolean()) {
            throw new JsonFormatException(at + "." + field, "must be true or false, not " + value);
        }
        return value.asBoolean();
    }

    static JsonNode array(JsonNode node, String at, String field) {
        JsonNode value = required(node, at, field);
        if (!value.isArray()) {
            throw new JsonFormatException(at + "." + field, "must be an array, not " + value);
        }
        return value;
    }

    static List<String> strings(JsonNode node, String at, String field) {
        JsonNode array = array(node, at, field);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (!array.get(i).isTextual()) {
                throw new JsonFormatException(at + "." + field + "[" + i + "]", "must be a string, not " + array.get(i));
            }
            values.add(array.get(i).asText());
        }
        return values;
    }
}
