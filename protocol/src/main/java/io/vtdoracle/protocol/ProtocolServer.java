package io.vtdoracle.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.RemappingUnit;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * The program side of the process protocol for a Java unit: reads hellos and operations from {@code in}, answers
 * each with one line on {@code out}, until {@code in} ends. A line it cannot read gets {@code {"error":"..."}}
 * naming the line and field.
 */
public final class ProtocolServer {

    private final RemappingUnit.Factory factory;
    private final String implementation;

    public ProtocolServer(RemappingUnit.Factory factory, String implementation) {
        this.factory = factory;
        this.implementation = implementation;
    }

    public void serve(BufferedReader in, PrintWriter out) throws IOException {
        RemappingUnit unit = null;
        long line = 0;
        for (String text = in.readLine(); text != null; text = in.readLine()) {
            line++;
            ObjectNode reply = JsonNodeFactory.instance.objectNode();
            try {
                JsonNode message = Json.parse(text);
                if (message.has("hello")) {
                    Capabilities capabilities = Json.capabilities(Fields.required(message, "", "capabilities"),
                            "capabilities");
                    try {
                        unit = factory.create(capabilities);
                        reply.put("ready", true).put("implementation", implementation);
                    } catch (IllegalArgumentException refused) {
                        unit = null;
                        reply.put("unsupported", refused.getMessage());
                    }
                } else if (unit == null) {
                    reply.put("error", "line " + line + ": an operation before a hello was accepted");
                } else {
                    reply = Json.encode(unit.apply(Json.operation(message, "")));
                }
            } catch (JsonFormatException e) {
                reply.removeAll();
                reply.put("error", "line " + line + ": " + e.getMessage());
            }
            out.println(Json.line(reply));
            out.flush();
        }
    }
}
