package io.vtdoracle.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.ScalableMode;
import io.vtdoracle.model.registers.CapabilityRegisters;
import java.util.Iterator;
import java.util.Set;

/**
 * Capabilities as a JSON object: every field of {@link Capabilities}, plus the CAP_REG and ECAP_REG values they
 * give ("cap", "ecap", §10.4.2-3). On reading, absent fields keep {@link Capabilities#DEFAULT}'s values, "cap"
 * and "ecap" (when given) set the fields they encode (MGAW, CM, SLLPS, NFR, MAMV, FS1GP, FL5LP; DT, IR, EIM, PT,
 * SRS, SMTS, SLTS, FLTS: the scalable mode is read from the registers only), and the
 * fields named explicitly win; the registers the result gives must then equal any "cap"/"ecap" given.
 */
final class CapabilitiesCodec {

    static final Set<String> FIELDS = Set.of("addressWidth", "cachingMode", "superpages", "faultRecordingRegisters",
            "interruptRemapping", "extendedInterruptMode", "passThrough", "deviceTlb", "maxAddressMaskValue",
            "guestMemoryBytes", "cap", "ecap");

    private CapabilitiesCodec() {
    }

    static ObjectNode encode(Capabilities c) {
        return JsonNodeFactory.instance.objectNode().put("addressWidth", c.addressWidth())
                .put("cachingMode", c.cachingMode()).put("superpages", c.superpages())
                .put("faultRecordingRegisters", c.faultRecordingRegisters())
                .put("interruptRemapping", c.interruptRemapping())
                .put("extendedInterruptMode", c.extendedInterruptMode()).put("passThrough", c.passThrough())
                .put("deviceTlb", c.deviceTlb()).put("maxAddressMaskValue", c.maxAddressMaskValue())
                .put("guestMemoryBytes", Fields.hex(c.guestMemoryBytes()))
                .put("cap", Fields.hex(CapabilityRegisters.capability(c)))
                .put("ecap", Fields.hex(CapabilityRegisters.extendedCapability(c)));
    }

    static Capabilities decode(JsonNode node, String at) {
        OperationCodec.requireObject(node, at);
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new JsonFormatException(Fields.path(at, name), "not a capability; known: " + String.join(", ",
                        new java.util.TreeSet<>(FIELDS)));
            }
        }
        Capabilities c = Capabilities.DEFAULT;
        try {
            if (node.has("cap")) {
                long cap = Fields.number(node, at, "cap");
                c = new Capabilities((int) (cap >>> 16 & 0x3F) + 1 == 48 ? 48 : 39, (cap >>> 7 & 1) != 0,
                        (cap >>> 34 & 3) != 0, (int) (cap >>> 40 & 0xFF) + 1, c.interruptRemapping(),
                        c.extendedInterruptMode(), c.passThrough(), c.deviceTlb(), (int) (cap >>> 48 & 0x3F),
                        c.guestMemoryBytes());
            }
            if (node.has("ecap")) {
                long ecap = Fields.number(node, at, "ecap");
                c = c.withInterruptRemapping((ecap >>> 3 & 1) != 0).withExtendedInterruptMode((ecap >>> 4 & 1) != 0)
                        .withPassThrough((ecap >>> 6 & 1) != 0).withDeviceTlb((ecap >>> 2 & 1) != 0);
                long cap = node.has("cap") ? Fields.number(node, at, "cap") : 0;
                c = c.withScalableMode(new ScalableMode((ecap >>> 43 & 1) != 0, (ecap >>> 46 & 1) != 0,
                        (ecap >>> 47 & 1) != 0, (ecap >>> 31 & 1) != 0, (cap >>> 56 & 1) != 0, (cap >>> 60 & 1) != 0));
            }
            if (node.has("addressWidth")) {
                c = c.withAddressWidth(Fields.bounded(node, at, "addressWidth", 0, 64));
            }
            if (node.has("cachingMode")) {
                c = c.withCachingMode(Fields.bool(node, at, "cachingMode"));
            }
            if (node.has("superpages")) {
                c = c.withSuperpages(Fields.bool(node, at, "superpages"));
            }
            if (node.has("faultRecordingRegisters")) {
                c = c.withFaultRecordingRegisters(Fields.bounded(node, at, "faultRecordingRegisters", 0, 1 << 20));
            }
            if (node.has("interruptRemapping")) {
                c = c.withInterruptRemapping(Fields.bool(node, at, "interruptRemapping"));
            }
            if (node.has("extendedInterruptMode")) {
                c = c.withExtendedInterruptMode(Fields.bool(node, at, "extendedInterruptMode"));
            }
            if (node.has("passThrough")) {
                c = c.withPassThrough(Fields.bool(node, at, "passThrough"));
            }
            if (node.has("deviceTlb")) {
                c = c.withDeviceTlb(Fields.bool(node, at, "deviceTlb"));
            }
            if (node.has("maxAddressMaskValue")) {
                c = c.withMaxAddressMaskValue(Fields.bounded(node, at, "maxAddressMaskValue", 0, 1 << 20));
            }
            if (node.has("guestMemoryBytes")) {
                c = c.withGuestMemoryBytes(Fields.number(node, at, "guestMemoryBytes"));
            }
        } catch (IllegalArgumentException e) {
            throw new JsonFormatException(at, "not capabilities a unit can have: " + e.getMessage());
        }
        requireRegister(node, at, "cap", CapabilityRegisters.capability(c));
        requireRegister(node, at, "ecap", CapabilityRegisters.extendedCapability(c));
        return c;
    }

    private static void requireRegister(JsonNode node, String at, String field, long expected) {
        if (node.has(field) && Fields.number(node, at, field) != expected) {
            long given = Fields.number(node, at, field);
            throw new JsonFormatException(Fields.path(at, field), Fields.hex(given) + " is not what these capabilities"
                    + " report (" + Fields.hex(expected) + "; bits differing: " + Fields.hex(given ^ expected)
                    + "): the other CAP/ECAP fields are fixed (contract §2)");
        }
    }
}
