package io.vtdoracle.protocol;

/**
 * A JSON value that does not encode what it should: names the field (a path such as {@code op.addr}) and what is
 * wrong with it. Readers of traces and of the process protocol add the line.
 */
public final class JsonFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public JsonFormatException(String field, String problem) {
        super(field.isEmpty() ? problem : "field '" + field + "': " + problem);
        this.field = field;
    }

    /** The path of the offending field ({@code ""} for the whole value). */
    public String field() {
        return field;
    }
}
