package io.vtdoracle.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.RemappingUnit;

/**
 * A unit implemented by another program, spoken to over the process protocol (docs/oracle-protocol.md): each
 * operation goes to the program's stdin as one JSON line, each outcome comes back as one JSON line. A program that
 * dies, stays silent past the timeout or answers something that is not an outcome gives a {@link UnitFailure}
 * naming the step. Made by {@link ProcessUnitFactory}.
 */
public final class ProcessUnit implements RemappingUnit {

    private final ProgramConnection program;
    private final long session;
    private long steps;

    ProcessUnit(ProgramConnection program, long session) {
        this.program = program;
        this.session = session;
    }

    /** Sends the hello: the program answers ready, or refuses the capabilities (IllegalArgumentException). */
    static void hello(ProgramConnection program, Capabilities capabilities) {
        ObjectNode hello = JsonNodeFactory.instance.objectNode().put("hello", "vtd-oracle").put("version",
                Trace.VERSION);
        hello.set("capabilities", Json.encode(capabilities));
        JsonNode reply = program.exchange(hello, "the hello");
        if (reply.hasNonNull("unsupported")) {
            throw new IllegalArgumentException(program.name() + " refuses the capabilities: "
                    + reply.get("unsupported").asText());
        }
        if (!reply.path("ready").asBoolean(false)) {
            throw new UnitFailure(program.name() + " answered the hello with " + Json.line(reply)
                    + ", not {\"ready\":true} or {\"unsupported\":\"why\"}");
        }
    }

    @Override
    public Outcome apply(Operation operation) {
        steps++;
        String where = "step " + steps + " (" + operation + ")";
        if (program.session() != session) {
            throw new UnitFailure(where + ": this unit was replaced by a newer one on the same program");
        }
        JsonNode reply = program.exchange(Json.encode(operation), where);
        try {
            return Json.outcome(reply, "");
        } catch (JsonFormatException e) {
            throw new UnitFailure(program.name() + " answered " + where + " with " + Json.line(reply)
                    + ", which is not an outcome: " + e.getMessage());
        }
    }
}
