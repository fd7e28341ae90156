package io.vtdoracle.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vtdoracle.api.MsiMessage;
import io.vtdoracle.api.Result;

/** Results as JSON objects: {@code {"kind":"translated","addr":"0x1000","mask":"0xfff","perm":"rw"}}. */
final class ResultCodec {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final String[] KINDS = {"done", "ignored", "value", "translated", "dma-fault", "blocked", "interrupt",
        "interrupt-fault", "registered", "refused"};

    private ResultCodec() {
    }

    static ObjectNode encode(Result result) {
        ObjectNode node = NODES.objectNode();
        if (result instanceof Result.Done) {
            node.put("kind", "done");
        } else if (result instanceof Result.Ignored i) {
            node.put("kind", "ignored").put("reason", Names.of(i.reason()));
        } else if (result instanceof Result.Value v) {
            node.put("kind", "value").put("value", Fields.hex(v.value()));
        } else if (result instanceof Result.Translated t) {
            node.put("kind", "translated").put("addr", Fields.hex(t.address())).put("mask", Fields.hex(t.pageMask()))
                    .put("perm", Names.of(t.permission()));
        } else if (result instanceof Result.DmaFault f) {
            node.put("kind", "dma-fault").put("reason", Names.of(f.reason()));
        } else if (result instanceof Result.Blocked) {
            node.put("kind", "blocked");
        } else if (result instanceof Result.InterruptForwarded i) {
            node.put("kind", "interrupt").put("addr", Fields.hex(i.message().address()))
                    .put("data", Fields.hex(Integer.toUnsignedLong(i.message().data())));
        } else if (result instanceof Result.InterruptFault f) {
            node.put("kind", "interrupt-fault").put("reason", Names.of(f.reason()));
        } else if (result instanceof Result.ListenerRegistered) {
            node.put("kind", "registered");
        } else if (result instanceof Result.ListenerRefused r) {
            node.put("kind", "refused").put("reason", Names.of(r.reason()));
        } else {
            throw new IllegalArgumentException("no JSON encoding for result " + result);
        }
        return node;
    }

    static Result decode(JsonNode node, String at) {
        OperationCodec.requireObject(node, at);
        return switch (Fields.choice(node, at, "kind", KINDS)) {
            case 0 -> Result.DONE;
            case 1 -> new Result.Ignored(Names.read(Result.IgnoreReason.class, node, at, "reason"));
            case 2 -> new Result.Value(Fields.number(node, at, "value"));
            case 3 -> new Result.Translated(Fields.number(node, at, "addr"), Fields.number(node, at, "mask"),
                    Names.permission(node, at, "perm"));
            case 4 -> new Result.DmaFault(Names.faultReason(node, at, "reason"));
            case 5 -> Result.BLOCKED;
            case 6 -> new Result.InterruptForwarded(new MsiMessage(Fields.number(node, at, "addr"),
                    Fields.bounded(node, at, "data", 0, 0xFFFF_FFFFL)));
            case 7 -> new Result.InterruptFault(Names.faultReason(node, at, "reason"));
            case 8 -> Result.LISTENER_REGISTERED;
            default -> new Result.ListenerRefused(Names.read(Result.RefusalReason.class, node, at, "reason"));
        };
    }
}
