package io.vtdoracle.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vtdoracle.api.Access;
import io.vtdoracle.api.ListenerFlag;
import io.vtdoracle.api.ListenerId;
import io.vtdoracle.api.Operation;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

/** Operations as JSON objects: {@code {"op":"dma","sid":"00:02.0","addr":"0xfee00000","access":"write"}}. */
final class OperationCodec {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final String[] KINDS = {"write-memory", "read-memory", "write-register", "read-register", "dma",
        "interrupt", "listen", "unlisten", "replay"};

    private OperationCodec() {
    }

    static ObjectNode encode(Operation operation) {
        ObjectNode node = NODES.objectNode();
        if (operation instanceof Operation.WriteMemory w) {
            node.put("op", "write-memory").put("addr", Fields.hex(w.address())).put("value", Fields.hex(w.value()));
        } else if (operation instanceof Operation.ReadMemory r) {
            node.put("op", "read-memory").put("addr", Fields.hex(r.address()));
        } else if (operation instanceof Operation.WriteRegister w) {
            node.put("op", "write-register").put("offset", Fields.hex(w.offset())).put("size", w.size())
                    .put("value", Fields.hex(w.value()));
        } else if (operation instanceof Operation.ReadRegister r) {
            node.put("op", "read-register").put("offset", Fields.hex(r.offset())).put("size", r.size());
        } else if (operation instanceof Operation.DmaRequest d) {
            node.put("op", "dma").put("sid", d.source().toString()).put("addr", Fields.hex(d.address()))
                    .put("access", Names.of(d.access()));
        } else if (operation instanceof Operation.InterruptRequest i) {
            node.put("op", "interrupt").put("sid", i.source().toString()).put("addr", Fields.hex(i.address()))
                    .put("data", Fields.hex(Integer.toUnsignedLong(i.data())));
        } else if (operation instanceof Operation.RegisterListener l) {
            node.put("op", "listen").put("listener", l.listener().value()).put("sid", l.source().toString())
                    .put("first", Fields.hex(l.first())).put("last", Fields.hex(l.last()));
            ArrayNode flags = node.putArray("flags");
            new TreeSet<>(l.flags()).forEach(flag -> flags.add(Names.of(flag)));
            if (l.mappingBudget() != Operation.RegisterListener.DEFAULT_MAPPING_BUDGET) {
                node.put("budget", l.mappingBudget());
            }
        } else if (operation instanceof Operation.UnregisterListener u) {
            node.put("op", "unlisten").put("listener", u.listener().value());
        } else if (operation instanceof Operation.Replay r) {
            node.put("op", "replay").put("listener", r.listener().value());
        } else {
            throw new IllegalArgumentException("no JSON encoding for operation " + operation);
        }
        return node;
    }

    static Operation decode(JsonNode node, String at) {
        requireObject(node, at);
        return switch (Fields.choice(node, at, "op", KINDS)) {
            case 0 -> new Operation.WriteMemory(Fields.number(node, at, "addr"), Fields.number(node, at, "value"));
            case 1 -> new Operation.ReadMemory(Fields.number(node, at, "addr"));
            case 2 -> new Operation.WriteRegister(offset(node, at), size(node, at), Fields.number(node, at, "value"));
            case 3 -> new Operation.ReadRegister(offset(node, at), size(node, at));
            case 4 -> new Operation.DmaRequest(Fields.sourceId(node, at, "sid"), Fields.number(node, at, "addr"),
                    Names.read(Access.class, node, at, "access"));
            case 5 -> new Operation.InterruptRequest(Fields.sourceId(node, at, "sid"),
                    Fields.number(node, at, "addr"), (int) Fields.bounded(node, at, "data", 0, 0xFFFF_FFFFL));
            case 6 -> new Operation.RegisterListener(listener(node, at), Fields.sourceId(node, at, "sid"),
                    Fields.number(node, at, "first"), Fields.number(node, at, "last"), flags(node, at),
                    node.has("budget") ? (int) Fields.bounded(node, at, "budget", 0,
                            Operation.RegisterListener.MAX_MAPPING_BUDGET)
                            : Operation.RegisterListener.DEFAULT_MAPPING_BUDGET);
            case 7 -> new Operation.UnregisterListener(listener(node, at));
            default -> new Operation.Replay(listener(node, at));
        };
    }

    static void requireObject(JsonNode node, String at) {
        if (node == null || !node.isObject()) {
            throw new JsonFormatException(at, "must be a JSON object, not " + node);
        }
    }

    private static int offset(JsonNode node, String at) {
        return Fields.bounded(node, at, "offset", Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    private static int size(JsonNode node, String at) {
        return Fields.bounded(node, at, "size", Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    static ListenerId listener(JsonNode node, String at) {
        return new ListenerId(Fields.bounded(node, at, "listener", Integer.MIN_VALUE, Integer.MAX_VALUE));
    }

    private static Set<ListenerFlag> flags(JsonNode node, String at) {
        JsonNode flags = Fields.required(node, at, "flags");
        if (!flags.isArray()) {
            throw new JsonFormatException(Fields.path(at, "flags"), "must be an array such as [\"map\", \"unmap\"], not " + flags);
        }
        Set<ListenerFlag> set = EnumSet.noneOf(ListenerFlag.class);
        for (int i = 0; i < flags.size(); i++) {
            String name = "flags[" + i + "]";
            ObjectNode holder = NODES.objectNode().set(name, flags.get(i));
            set.add(Names.read(ListenerFlag.class, holder, at, name));
        }
        return set;
    }
}
