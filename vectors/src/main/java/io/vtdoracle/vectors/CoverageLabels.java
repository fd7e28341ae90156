package io.vtdoracle.vectors;

import io.vtdoracle.api.Event;
import io.vtdoracle.api.FaultReason;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Result;
import io.vtdoracle.properties.command.Attach;
import io.vtdoracle.properties.command.Command;
import io.vtdoracle.properties.command.DeviceTlbInvalidate;
import io.vtdoracle.properties.command.GarbageDescriptor;
import io.vtdoracle.properties.command.GuestView;
import io.vtdoracle.properties.command.QueueWait;
import io.vtdoracle.properties.command.SyncScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What a generated command reached, as labels: the coverage the generated vectors are directed at. */
final class CoverageLabels {

    static final String WAIT = "invalidation-wait";
    static final String DEVICE_TLB = "device-tlb-invalidation";
    static final String GARBAGE = "malformed-descriptor";
    static final String TRANSLATED_2M = "translated-2m";
    static final String TRANSLATED_1G = "translated-1g";
    static final String WINDOW_SPLIT = "map-at-window-edge";
    static final String DOMAIN_SWITCH = "domain-switch-with-listeners";

    private CoverageLabels() {
    }

    static String dmaFault(FaultReason reason) {
        return String.format(Locale.ROOT, "dma-fault-%xh", reason.code());
    }

    static String interruptFault(FaultReason reason) {
        return String.format(Locale.ROOT, "irq-fault-%xh", reason.code());
    }

    static String invalidation(SyncScope.Kind kind, boolean queued) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-') + (queued ? "-queued" : "-register");
    }

    /** Labels known before {@code command} runs in {@code view}. */
    static List<String> ofCommand(GuestView view, Command command) {
        List<String> labels = new ArrayList<>();
        if (command instanceof Attach attach && !attach.passThrough()) {
            Integer old = view.attached().get(attach.source());
            if (old != null && old != attach.did() && view.hasMapListener(attach.source())) {
                labels.add(DOMAIN_SWITCH);
            }
        }
        if (command instanceof QueueWait && view.queueAddress() >= 0) {
            labels.add(WAIT);
        }
        if (command instanceof DeviceTlbInvalidate && view.queueAddress() >= 0) {
            labels.add(DEVICE_TLB);
        }
        if (command instanceof GarbageDescriptor && view.queueAddress() >= 0) {
            labels.add(GARBAGE);
        }
        return labels;
    }

    /** Labels of the invalidations the command performed, by the path queued invalidation leaves. */
    static List<String> ofSyncs(GuestView view) {
        List<String> labels = new ArrayList<>();
        for (SyncScope scope : view.syncs()) {
            if (scope.kind() != SyncScope.Kind.TRANSLATION && scope.kind() != SyncScope.Kind.REPLAY) {
                labels.add(invalidation(scope.kind(), view.queueAddress() >= 0));
            }
        }
        return labels;
    }

    /** Labels of one operation's outcome (the model's canonical one). */
    static List<String> ofOutcome(GuestView view, Operation operation, Outcome outcome) {
        List<String> labels = new ArrayList<>();
        Result result = outcome.result();
        if (result instanceof Result.DmaFault fault) {
            labels.add(dmaFault(fault.reason()));
        } else if (result instanceof Result.InterruptFault fault) {
            labels.add(interruptFault(fault.reason()));
        } else if (result instanceof Result.Translated translated && view.translation()) {
            if (translated.pageMask() == 0x1F_FFFFL) {
                labels.add(TRANSLATED_2M);
            } else if (translated.pageMask() == 0x3FFF_FFFFL) {
                labels.add(TRANSLATED_1G);
            }
        }
        for (Event event : outcome.events()) {
            if (event instanceof Event.ListenerNotified notified
                    && notified.type() == Event.NotificationType.MAP
                    && (notified.iova() + notified.addressMask() == Operation.INTERRUPT_WINDOW_FIRST - 1
                    || notified.iova() == Operation.INTERRUPT_WINDOW_LAST + 1)
                    && notified.addressMask() < 0x1F_FFFFL) {
                labels.add(WINDOW_SPLIT);
            }
        }
        return labels;
    }
}
