package io.vtdoracle.protocol;

/** A trace line that is not what the format says: names the line and the field. */
public final class MalformedTraceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long line;
    private final String field;

    public MalformedTraceException(long line, String field, String problem) {
        super("line " + line + ": " + problem);
        this.line = line;
        this.field = field;
    }

    public long line() {
        return line;
    }

    /** The offending field's path, {@code ""} for the whole line. */
    public String field() {
        return field;
    }
}
