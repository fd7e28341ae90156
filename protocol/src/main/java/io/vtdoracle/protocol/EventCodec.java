package io.vtdoracle.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vtdoracle.api.Access;
import io.vtdoracle.api.Event;
import io.vtdoracle.api.Permission;

/**
 * Events as JSON objects: {@code {"event":"fault","index":0,"sid":"00:02.0","reason":"0x5","info":"0x1000",
 * "access":"write"}}, {@code {"event":"map","listener":1,"iova":"0x0","mask":"0xfff","translated":"0x5000",
 * "perm":"rw"}}.
 */
final class EventCodec {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final String[] KINDS = {"map", "unmap", "device-iotlb-unmap", "fault", "status", "interrupt", "switch",
        "overflow"};

    private EventCodec() {
    }

    static ObjectNode encode(Event event) {
        ObjectNode node = NODES.objectNode();
        if (event instanceof Event.ListenerNotified n) {
            node.put("event", Names.of(n.type())).put("listener", n.listener().value()).put("iova", Fields.hex(n.iova()))
                    .put("mask", Fields.hex(n.addressMask()));
            if (n.type() == Event.NotificationType.MAP || n.translatedAddress() != 0
                    || n.permission() != Permission.NONE) {
                node.put("translated", Fields.hex(n.translatedAddress())).put("perm", Names.of(n.permission()));
            }
        } else if (event instanceof Event.FaultRecorded f) {
            node.put("event", "fault").put("index", f.index()).put("sid", f.source().toString())
                    .put("reason", Names.of(f.reason())).put("info", Fields.hex(f.faultInfo()))
                    .put("access", Names.of(f.access()));
        } else if (event instanceof Event.StatusWritten s) {
            node.put("event", "status").put("addr", Fields.hex(s.address()))
                    .put("data", Fields.hex(Integer.toUnsignedLong(s.data())));
        } else if (event instanceof Event.InterruptRaised i) {
            node.put("event", "interrupt").put("source", Names.of(i.source())).put("addr", Fields.hex(i.address()))
                    .put("data", Fields.hex(Integer.toUnsignedLong(i.data())));
        } else if (event instanceof Event.AddressSpaceSwitched s) {
            node.put("event", "switch").put("sid", s.source().toString()).put("view", Names.of(s.view()));
        } else if (event instanceof Event.ListenerOverflowed o) {
            node.put("event", "overflow").put("listener", o.listener().value());
        } else {
            throw new IllegalArgumentException("no JSON encoding for event " + event);
        }
        return node;
    }

    static Event decode(JsonNode node, String at) {
        OperationCodec.requireObject(node, at);
        int kind = Fields.choice(node, at, "event", KINDS);
        return switch (kind) {
            case 0, 1, 2 -> notification(node, at, Event.NotificationType.values()[kind]);
            case 3 -> new Event.FaultRecorded(Fields.bounded(node, at, "index", 0, 255), Fields.sourceId(node, at, "sid"),
                    Names.faultReason(node, at, "reason"), Fields.number(node, at, "info"),
                    Names.read(Access.class, node, at, "access"));
            case 4 -> new Event.StatusWritten(Fields.number(node, at, "addr"),
                    Fields.bounded(node, at, "data", 0, 0xFFFF_FFFFL));
            case 5 -> new Event.InterruptRaised(Names.read(Event.InterruptSource.class, node, at, "source"),
                    Fields.number(node, at, "addr"), Fields.bounded(node, at, "data", 0, 0xFFFF_FFFFL));
            case 6 -> new Event.AddressSpaceSwitched(Fields.sourceId(node, at, "sid"),
                    Names.read(Event.AddressSpaceView.class, node, at, "view"));
            default -> new Event.ListenerOverflowed(OperationCodec.listener(node, at));
        };
    }

    private static Event notification(JsonNode node, String at, Event.NotificationType type) {
        boolean map = type == Event.NotificationType.MAP;
        long translated = map || node.has("translated") ? Fields.number(node, at, "translated") : 0;
        Permission permission = map || node.has("perm") ? Names.permission(node, at, "perm") : Permission.NONE;
        return new Event.ListenerNotified(OperationCodec.listener(node, at), type, Fields.number(node, at, "iova"),
                translated, Fields.number(node, at, "mask"), permission);
    }
}
