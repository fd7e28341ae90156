package io.vtdoracle.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Reads a trace line by line, in constant memory: {@link #next()} gives the next header or step, checking each
 * against the format; a line that breaks it is a {@link MalformedTraceException} naming the line and field.
 */
public final class TraceReader implements Closeable {

    private final BufferedReader in;
    private long line;
    private long steps;
    private boolean headerSeen;

    public TraceReader(BufferedReader in) {
        this.in = in;
    }

    /** The next entry, or empty at the end of the trace. */
    public Optional<TraceEntry> next() {
        String text;
        do {
            try {
                text = in.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException("reading line " + (line + 1) + " of the trace", e);
            }
            if (text == null) {
                if (!headerSeen) {
                    throw new MalformedTraceException(line, "", "the trace is empty: it starts with a header line");
                }
                return Optional.empty();
            }
            line++;
        } while (text.isBlank());
        try {
            return Optional.of(entry(Json.parse(text)));
        } catch (JsonFormatException e) {
            throw new MalformedTraceException(line, e.field(), e.getMessage());
        }
    }

    private TraceEntry entry(JsonNode node) {
        if (!node.isObject()) {
            throw new JsonFormatException("", "a trace line is a JSON object, not " + node);
        }
        if (node.has(Trace.HEADER_KEY)) {
            long version = Fields.number(node, "", Trace.HEADER_KEY);
            if (version != Trace.VERSION) {
                throw new JsonFormatException(Trace.HEADER_KEY, "format version " + version
                        + " is not supported; this oracle reads version " + Trace.VERSION);
            }
            headerSeen = true;
            Optional<String> implementation = node.hasNonNull("implementation")
                    ? Optional.of(Fields.text(node, "", "implementation")) : Optional.empty();
            return new TraceEntry.Header(line, Json.capabilities(Fields.required(node, "", "capabilities"),
                    "capabilities"), implementation);
        }
        if (!headerSeen) {
            throw new JsonFormatException("", "the first line must be a header {\"" + Trace.HEADER_KEY + "\":"
                    + Trace.VERSION + ",\"capabilities\":{...}}");
        }
        steps++;
        if (node.has("step") && Fields.number(node, "", "step") != steps) {
            throw new JsonFormatException("step", "this is step " + steps + " of the trace, not "
                    + Fields.number(node, "", "step"));
        }
        return new TraceEntry.Step(line, steps, Json.operation(Fields.required(node, "", "op"), "op"),
                Json.observation(node, ""));
    }

    /** The last line read. */
    public long line() {
        return line;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
