package io.vtdoracle.protocol;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Operation;
import java.util.Optional;

/** One line of a trace: a header that powers a unit on, or a step. */
public sealed interface TraceEntry {

    /** The line of the trace file (1-based). */
    long line();

    /**
     * {@code {"vtd-oracle-trace":1,"capabilities":{...},"implementation":"..."}}: a unit with these capabilities
     * at power-on. The steps after it, up to the next header, are that unit's.
     */
    record Header(long line, Capabilities capabilities, Optional<String> implementation) implements TraceEntry {
    }

    /** {@code {"step":N,"op":{...},"result":{...},"events":[...]}}: step {@code step} (1-based over the file). */
    record Step(long line, long step, Operation operation, Observation seen) implements TraceEntry {
    }
}
