package io.vtdoracle.protocol;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Optional;

/** Writes a trace: a header for each unit powered on, then its steps, one JSON object per line. */
public final class TraceWriter implements Closeable {

    private final Writer out;
    private long steps;

    public TraceWriter(Writer out) {
        this.out = out;
    }

    /** A unit with these capabilities powered on; {@code implementation} names it. */
    public synchronized void header(Capabilities capabilities, Optional<String> implementation) {
        ObjectNode node = JsonNodeFactory.instance.objectNode().put(Trace.HEADER_KEY, Trace.VERSION);
        node.set("capabilities", Json.encode(capabilities));
        implementation.ifPresent(name -> node.put("implementation", name));
        write(node);
    }

    /** One step, observed completely. */
    public void step(Operation operation, Outcome outcome) {
        step(operation, Observation.complete(outcome));
    }

    /** One step, observed as {@code seen} says. */
    public synchronized void step(Operation operation, Observation seen) {
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("step", ++steps);
        node.set("op", Json.encode(operation));
        Json.writeObservation(node, seen);
        write(node);
    }

    private void write(ObjectNode node) {
        try {
            out.write(Json.line(node));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("writing the trace", e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
