package io.vtdoracle.protocol;

/** The trace format (docs/oracle-protocol.md): JSON Lines, a header line, then one line per step. */
public final class Trace {

    /** The format version this library writes and reads. */
    public static final int VERSION = 1;
    /** The header's key, whose value is the format version. */
    public static final String HEADER_KEY = "vtd-oracle-trace";

    private Trace() {
    }
}
