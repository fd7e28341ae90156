package io.vtdoracle.properties.lockstep;

import io.vtdoracle.api.Operation;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.properties.command.Command;
import io.vtdoracle.properties.command.Dma;
import io.vtdoracle.properties.command.GuestView;
import io.vtdoracle.properties.command.MapRange;
import io.vtdoracle.properties.command.UnmapRange;
import io.vtdoracle.properties.oracle.IrteDecoder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Labels of how much of the device space one case reached, from what happened earlier in it: translated DMA from
 * devices on several buses, from the same device and function on two buses, from several devices of one domain,
 * from a device right after the mapping another device of its domain used changed; and interrupts through IRTEs
 * that validate the requester (each SVT 1 qualifier, bus ranges over several buses, requesters beside them);
 * translated DMA from devfn 128, the first device of a scalable-mode root entry's upper half (§9.2).
 * One instance per case.
 */
final class DeviceSpaceLabels {

    static final String SEVERAL_BUSES = "dma-from-several-buses";
    static final String SAME_DEVFN = "dma-same-devfn-other-bus";
    static final String SHARED_DOMAIN = "dma-shared-domain";
    static final String AFTER_SIBLING_CHANGE = "dma-after-sibling-changed-mapping";
    /** Translated DMA from devfn 128 (device 10.0), in scalable mode: through the upper half's UCTP (§9.2). */
    static final String SM_DEVFN_128 = "sm-dma-from-devfn-128";
    /** The same in legacy mode, where the root entry has one context table for every devfn. */
    static final String DEVFN_128 = "dma-from-devfn-128";

    private final Set<Integer> buses = new HashSet<>();
    private final Set<SourceId> requesters = new HashSet<>();
    private final Map<Integer, Set<SourceId>> byDomain = new HashMap<>();
    /** The device whose request in a domain came last, and whether a mapping of the domain changed since. */
    private final Map<Integer, SourceId> lastRequester = new HashMap<>();
    private final Set<Integer> changedSince = new HashSet<>();

    /** Labels of {@code command}, run in {@code view} (still showing the state before it). */
    List<String> ofCommand(GuestView view, Command command) {
        List<String> labels = new ArrayList<>();
        if (command instanceof MapRange m) {
            changedSince.add(m.did());
        } else if (command instanceof UnmapRange u) {
            changedSince.add(u.did());
        } else if (command instanceof Dma d) {
            Integer did = view.attached().get(d.source());
            if (view.translation() && did != null && !view.isPassThrough(d.source())) {
                request(d.source(), did, labels);
                if (d.source().devfn() == 128) {
                    labels.add(view.scalable() ? SM_DEVFN_128 : DEVFN_128);
                }
            }
        }
        return labels;
    }

    private void request(SourceId source, int did, List<String> labels) {
        buses.add(source.bus());
        if (buses.size() >= 2) {
            labels.add(SEVERAL_BUSES);
        }
        if (requesters.stream().anyMatch(r -> r.devfn() == source.devfn() && r.bus() != source.bus())) {
            labels.add(SAME_DEVFN);
        }
        requesters.add(source);
        Set<SourceId> domain = byDomain.computeIfAbsent(did, d -> new HashSet<>());
        domain.add(source);
        if (domain.size() >= 2) {
            labels.add(SHARED_DOMAIN);
        }
        SourceId last = lastRequester.get(did);
        if (last != null && !last.equals(source) && changedSince.contains(did)) {
            labels.add(AFTER_SIBLING_CHANGE);
        }
        lastRequester.put(did, source);
        changedSince.remove(did);
    }

    /** Labels of an interrupt request through an IRTE that validates its source (§9.10). */
    static List<String> ofInterrupt(IrteDecoder decoder, GuestView view, Operation.InterruptRequest request) {
        IrteDecoder.Setup setup = new IrteDecoder.Setup(view.interruptRemapping(), view.interruptTable(),
                view.interruptTableSizeField(), view.extendedInterrupts(), view.compatibilityFormat());
        if (!Operation.inInterruptWindow(request.address())) {
            return List.of();
        }
        return decoder.entry(setup, request.address(), request.data()).filter(e -> (e[0] & 1) != 0)
                .map(e -> sourceValidation(e[1], request.source())).orElse(List.of());
    }

    private static List<String> sourceValidation(long high, SourceId requester) {
        int svt = (int) (high >>> 18) & 3;
        int sid = (int) high & 0xFFFF;
        List<String> labels = new ArrayList<>();
        if (svt == 1) {
            labels.add("irq-svt=1-sq=" + ((high >>> 16) & 3));
            if (requester.bus() != sid >>> 8) {
                labels.add("irq-svt=1-other-bus");
            }
        } else if (svt == 2 && (sid & 0xFF) > sid >>> 8) {
            boolean inside = requester.bus() >= sid >>> 8 && requester.bus() <= (sid & 0xFF);
            labels.add(inside ? "irq-svt=2-inside-range" : "irq-svt=2-outside-range");
        }
        return labels;
    }
}
