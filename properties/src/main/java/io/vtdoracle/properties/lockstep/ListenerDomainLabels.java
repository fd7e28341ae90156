package io.vtdoracle.properties.lockstep;

import io.vtdoracle.api.SourceId;
import io.vtdoracle.properties.command.Command;
import io.vtdoracle.properties.command.Flush;
import io.vtdoracle.properties.command.GuestView;
import io.vtdoracle.properties.command.MapRange;
import io.vtdoracle.properties.command.SyncScope;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Labels a device with a MAP listener whose listener was brought up to date through five or more domain-ids with no
 * context-cache invalidation, TE change or replay between (which would bring it whole into one domain): its shadow
 * may hold pieces found through all of them (contract §7.3). One instance per case.
 */
final class ListenerDomainLabels {

    static final String FIVE_DOMAINS = "listener-through-5-domains";

    /** Per device, the domain-ids its listener was updated through since the last sync that is not an IOTLB one. */
    private final Map<SourceId, Set<Integer>> through = new HashMap<>();

    /** Labels of {@code command}, run in {@code view} (still showing the state before it). */
    List<String> ofCommand(GuestView view, Command command) {
        if (!(command instanceof MapRange m) || m.flush() == Flush.FORGOTTEN) {
            return List.of();
        }
        boolean five = false;
        for (Map.Entry<SourceId, Integer> device : view.attached().entrySet()) {
            if (device.getValue() == m.did() && view.hasMapListener(device.getKey())) {
                Set<Integer> domains = through.computeIfAbsent(device.getKey(), s -> new HashSet<>());
                domains.add(m.did());
                five |= domains.size() >= 5;
            }
        }
        return five ? List.of(FIVE_DOMAINS) : List.of();
    }

    /** After a command: a context-cache invalidation, TE change or replay forgets every device's domain-ids. */
    void afterCommand(List<SyncScope> syncs) {
        if (syncs.stream().anyMatch(s -> !s.isIotlb())) {
            through.clear();
        }
    }
}
