package io.vtdoracle.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Event;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Result;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The JSON encoding of the API (docs/oracle-protocol.md, docs/trace.schema.json): operations, results, events,
 * outcomes, partial observations and capabilities, each to and from a Jackson tree. Numbers are written as hex
 * strings ("0xfee00000"); readers also take JSON integers and decimal strings. Source-ids are "bb:dd.f". Every
 * decoding error is a {@link JsonFormatException} naming the field, under the path given as {@code at}.
 */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static ObjectNode encode(Operation operation) {
        return OperationCodec.encode(operation);
    }

    public static Operation operation(JsonNode node, String at) {
        return OperationCodec.decode(node, at);
    }

    public static ObjectNode encode(Result result) {
        return ResultCodec.encode(result);
    }

    public static Result result(JsonNode node, String at) {
        return ResultCodec.decode(node, at);
    }

    public static ObjectNode encode(Event event) {
        return EventCodec.encode(event);
    }

    public static Event event(JsonNode node, String at) {
        return EventCodec.decode(node, at);
    }

    /** Every field of the capabilities, with the CAP_REG and ECAP_REG values they give. */
    public static ObjectNode encode(Capabilities capabilities) {
        return CapabilitiesCodec.encode(capabilities);
    }

    /** Capabilities: absent fields keep {@link Capabilities#DEFAULT}'s, "cap"/"ecap" must agree with the fields. */
    public static Capabilities capabilities(JsonNode node, String at) {
        return CapabilitiesCodec.decode(node, at);
    }

    /** A complete outcome: {@code {"result":{...},"events":[...]}}. */
    public static ObjectNode encode(Outcome outcome) {
        return encode(Observation.complete(outcome));
    }

    /** An observation: "result" if observed, "events", and "observed" when not every kind of event was seen. */
    public static ObjectNode encode(Observation observation) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        writeObservation(node, observation);
        return node;
    }

    /** Adds the fields of {@code observation} to {@code node} (a trace step or a process reply). */
    public static void writeObservation(ObjectNode node, Observation observation) {
        observation.result().ifPresent(result -> node.set("result", encode(result)));
        if (!observation.observed().isEmpty()) {
            if (observation.observed().size() < EventKind.values().length) {
                ArrayNode kinds = node.putArray("observed");
                for (EventKind kind : EventKind.values()) {
                    if (observation.observed().contains(kind)) {
                        kinds.add(kind.jsonName());
                    }
                }
            }
            ArrayNode events = node.putArray("events");
            observation.events().forEach(event -> events.add(encode(event)));
        }
    }

    /**
     * The observation in {@code node}'s "result", "events" and "observed" fields: an absent "result" is not
     * observed; "events" alone observes every kind; "observed" (a list of kinds) restricts it, and without
     * "events" says none of those kinds happened; neither means no event was observed.
     */
    public static Observation observation(JsonNode node, String at) {
        Optional<Result> result = node.hasNonNull("result")
                ? Optional.of(result(node.get("result"), Fields.path(at, "result"))) : Optional.empty();
        Set<EventKind> observed = EnumSet.noneOf(EventKind.class);
        if (node.hasNonNull("observed")) {
            JsonNode kinds = node.get("observed");
            if (!kinds.isArray()) {
                throw new JsonFormatException(Fields.path(at, "observed"),
                        "must be an array of event kinds such as [\"faults\"], not " + kinds);
            }
            for (int i = 0; i < kinds.size(); i++) {
                observed.add(kind(kinds.get(i), Fields.path(at, "observed[" + i + "]")));
            }
        } else if (node.hasNonNull("events")) {
            observed = EnumSet.allOf(EventKind.class);
        }
        List<Event> events = new ArrayList<>();
        if (node.hasNonNull("events")) {
            JsonNode list = node.get("events");
            if (!list.isArray()) {
                throw new JsonFormatException(Fields.path(at, "events"), "must be an array, not " + list);
            }
            for (int i = 0; i < list.size(); i++) {
                String where = Fields.path(at, "events[" + i + "]");
                Event event = event(list.get(i), where);
                if (!observed.contains(EventKind.of(event))) {
                    throw new JsonFormatException(where, "a " + EventKind.of(event).jsonName()
                            + " event, but \"observed\" does not list " + EventKind.of(event).jsonName());
                }
                events.add(event);
            }
        }
        return new Observation(result, observed, events);
    }

    /** A complete outcome: "result" is required; absent "events" means none. */
    public static Outcome outcome(JsonNode node, String at) {
        Fields.required(node, at, "result");
        if (node.hasNonNull("observed")) {
            throw new JsonFormatException(Fields.path(at, "observed"), "a complete outcome has every kind of event");
        }
        Observation observation = observation(node, at);
        return new Outcome(observation.result().orElseThrow(), observation.events());
    }

    private static EventKind kind(JsonNode value, String where) {
        for (EventKind kind : EventKind.values()) {
            if (value.isTextual() && kind.jsonName().equals(value.asText())) {
                return kind;
            }
        }
        throw new JsonFormatException(where, "must be one of faults, status, interrupts, listeners, switches, not "
                + value);
    }

    /** One line of JSON text (no line break inside). */
    public static String line(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses one JSON value, or says why the text is not JSON. */
    public static JsonNode parse(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new JsonFormatException("", "empty line, not JSON");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new JsonFormatException("", "not JSON: " + e.getOriginalMessage());
        }
    }
}
