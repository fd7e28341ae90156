package io.vtdoracle.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.vtdoracle.api.FaultReason;
import io.vtdoracle.api.Permission;
import java.util.Locale;

/** Enum constants as the JSON encoding writes them: lower case, words joined by '-' (READ_WRITE -> read-write). */
final class Names {

    private Names() {
    }

    static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static <E extends Enum<E>> E read(Class<E> type, JsonNode object, String parent, String field) {
        String text = Fields.text(object, parent, field);
        for (E constant : type.getEnumConstants()) {
            if (of(constant).equalsIgnoreCase(text) || constant.name().equalsIgnoreCase(text)) {
                return constant;
            }
        }
        StringBuilder known = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            known.append(known.length() == 0 ? "" : ", ").append(of(constant));
        }
        throw new JsonFormatException(Fields.path(parent, field), "must be one of " + known + ", not \"" + text + "\"");
    }

    /** Permissions as C code names them: none, r, w, rw. */
    static String of(Permission permission) {
        return switch (permission) {
            case NONE -> "none";
            case READ -> "r";
            case WRITE -> "w";
            case READ_WRITE -> "rw";
        };
    }

    static Permission permission(JsonNode object, String parent, String field) {
        int index = Fields.choice(object, parent, field, "none", "r", "w", "rw");
        return Permission.values()[index];
    }

    /** A fault reason as its FR encoding (§7.1.3), e.g. "0x5". */
    static String of(FaultReason reason) {
        return Fields.hex(reason.code());
    }

    /** A fault reason: its FR encoding ("0x5", 5) or its name ("write-not-permitted"). */
    static FaultReason faultReason(JsonNode object, String parent, String field) {
        JsonNode value = Fields.required(object, parent, field);
        if (value.isTextual() && !value.asText().matches("(?i)\\s*(0x)?[0-9a-f]+\\s*")) {
            return read(FaultReason.class, object, parent, field);
        }
        long code = Fields.number(value, Fields.path(parent, field));
        return FaultReason.ofCode((int) code).filter(r -> r.code() == code).orElseThrow(() ->
                new JsonFormatException(Fields.path(parent, field), "no fault reason has code "
                        + Fields.hex(code)));
    }
}
