package io.vtdoracle.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.vtdoracle.api.SourceId;
import java.util.Locale;

/** Reading the fields of a JSON object, each error naming the field's path. Numbers are JSON integers or strings. */
final class Fields {

    private Fields() {
    }

    static String path(String parent, String field) {
        return parent.isEmpty() ? field : parent + "." + field;
    }

    static JsonNode required(JsonNode object, String parent, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            throw new JsonFormatException(path(parent, field), "missing");
        }
        return value;
    }

    static String text(JsonNode object, String parent, String field) {
        JsonNode value = required(object, parent, field);
        if (!value.isTextual()) {
            throw new JsonFormatException(path(parent, field), "must be a string, not " + value);
        }
        return value.asText();
    }

    /**
     * A 64-bit value: a JSON integer, or a string "0x…" (hexadecimal, up to 2^64 - 1) or decimal. Values above
     * 2^63 - 1 wrap to negative longs, as in C's uint64_t.
     */
    static long number(JsonNode object, String parent, String field) {
        return number(required(object, parent, field), path(parent, field));
    }

    static long number(JsonNode value, String where) {
        if (value.isIntegralNumber()) {
            if (value.isBigInteger() && (value.bigIntegerValue().signum() < 0 || value.bigIntegerValue().bitLength() > 64)) {
                throw new JsonFormatException(where, "does not fit 64 bits: " + value);
            }
            return value.isBigInteger() ? value.bigIntegerValue().longValue() : value.asLong();
        }
        if (!value.isTextual()) {
            throw new JsonFormatException(where, "must be a number or a string such as \"0x1000\", not " + value);
        }
        String text = value.asText().trim().toLowerCase(Locale.ROOT).replace("_", "");
        try {
            if (text.startsWith("0x")) {
                return Long.parseUnsignedLong(text.substring(2), 16);
            }
            return Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            throw new JsonFormatException(where, "not a number: \"" + value.asText() + "\"");
        }
    }

    /** A number that must lie in {@code min..max}. */
    static int bounded(JsonNode object, String parent, String field, long min, long max) {
        long value = number(object, parent, field);
        if (value < min || value > max) {
            throw new JsonFormatException(path(parent, field), "must be " + min + ".." + max + ", not " + value);
        }
        return (int) value;
    }

    static boolean bool(JsonNode object, String parent, String field) {
        JsonNode value = required(object, parent, field);
        if (!value.isBoolean()) {
            throw new JsonFormatException(path(parent, field), "must be true or false, not " + value);
        }
        return value.asBoolean();
    }

    /** A source-id: "bb:dd.f" (hexadecimal bus and device, as lspci prints it) or a 16-bit number. */
    static SourceId sourceId(JsonNode object, String parent, String field) {
        JsonNode value = required(object, parent, field);
        String where = path(parent, field);
        if (value.isTextual() && value.asText().contains(":")) {
            String text = value.asText().trim();
            int colon = text.indexOf(':');
            int dot = text.indexOf('.', colon);
            try {
                if (dot < 0) {
                    throw new NumberFormatException();
                }
                return SourceId.of(Integer.parseInt(text.substring(0, colon), 16),
                        Integer.parseInt(text.substring(colon + 1, dot), 16),
                        Integer.parseInt(text.substring(dot + 1), 16));
            } catch (IllegalArgumentException e) {
                throw new JsonFormatException(where, "not a PCI source-id bb:dd.f: \"" + text + "\"");
            }
        }
        long number = number(value, where);
        if (number < 0 || number > 0xFFFF) {
            throw new JsonFormatException(where, "a source-id fits 16 bits, not 0x" + Long.toHexString(number));
        }
        return new SourceId((int) number);
    }

    /** One of {@code names} (lower case, as written), case-insensitive; its index. */
    static int choice(JsonNode object, String parent, String field, String... names) {
        String text = text(object, parent, field).toLowerCase(Locale.ROOT);
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(text)) {
                return i;
            }
        }
        throw new JsonFormatException(path(parent, field),
                "must be one of " + String.join(", ", names) + ", not \"" + text + "\"");
    }

    static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }
}
