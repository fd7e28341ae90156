package io.vtdoracle.properties.lockstep;

import io.vtdoracle.api.Event;
import io.vtdoracle.api.ListenerFlag;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Result;
import io.vtdoracle.properties.command.ListenerSpec;
import io.vtdoracle.properties.command.ListenVfio;
import io.vtdoracle.properties.oracle.Type1Shadow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;
import java.util.TreeMap;

/**
 * The VMM's side of the listeners: which are registered (as the unit answered), a VFIO type1 container per MAP+UNMAP
 * listener fed with the events (its entry limit the listener's mapping budget), the UNMAP ranges each listener got
 * during the current command, and which listeners overflowed in it (contract §7.5).
 */
final class ListenerTracker {

    private final TreeMap<Integer, ListenerSpec> registered = new TreeMap<>();
    private final Map<Integer, Type1Shadow> shadows = new HashMap<>();
    private final Map<Integer, List<long[]>> unmapsThisCommand = new HashMap<>();
    private final Set<Integer> overflowedThisCommand = new HashSet<>();

    void startCommand() {
        unmapsThisCommand.clear();
        overflowedThisCommand.clear();
    }

    /** Follows registrations and removals as the unit answered them. */
    void observe(Operation operation, Result result) {
        if (operation instanceof Operation.RegisterListener r && result instanceof Result.ListenerRegistered) {
            ListenerSpec spec = new ListenerSpec(r.listener().value(), r.source(), r.first(), r.last(), r.flags(),
                    r.mappingBudget());
            registered.put(spec.id(), spec);
            shadows.put(spec.id(), new Type1Shadow(spec.mappingBudget()));
        } else if (operation instanceof Operation.UnregisterListener u) {
            registered.remove(u.listener().value());
            shadows.remove(u.listener().value());
        }
    }

    /** Feeds one event to its listener's container: a type1 refusal or a containment breach, if any. */
    Optional<String> deliver(Event.ListenerNotified event, boolean type1, boolean containment) {
        ListenerSpec spec = registered.get(event.listener().value());
        if (spec == null) {
            return Optional.of("event for unregistered listener: " + event);
        }
        long last = event.iova() + event.addressMask();
        if (containment) {
            boolean aligned = (event.addressMask() & (event.addressMask() + 1)) == 0
                    && (event.iova() & event.addressMask()) == 0;
            boolean inside = Long.compareUnsigned(event.iova(), spec.first()) >= 0
                    && Long.compareUnsigned(last, spec.last()) <= 0 && Long.compareUnsigned(last, event.iova()) >= 0;
            boolean window = event.iova() <= Operation.INTERRUPT_WINDOW_LAST
                    && last >= Operation.INTERRUPT_WINDOW_FIRST;
            if (!aligned || !inside || window) {
                return Optional.of("event " + event + " is not a naturally aligned block of " + spec
                        + " outside the interrupt window");
            }
        }
        if (event.type() == Event.NotificationType.UNMAP) {
            unmapsThisCommand.computeIfAbsent(spec.id(), k -> new ArrayList<>()).add(new long[] {event.iova(), last});
        }
        Type1Shadow shadow = shadows.get(spec.id());
        if (!spec.isType1() || shadow == null) {
            return Optional.empty();
        }
        Optional<String> refused = event.type() == Event.NotificationType.MAP
                ? shadow.map(event.iova(), last, event.translatedAddress(), event.permission())
                : event.type() == Event.NotificationType.UNMAP ? shadow.unmap(event.iova(), last) : Optional.empty();
        return type1 ? refused.map(m -> "VFIO type1 container of " + spec + " refuses: " + m) : Optional.empty();
    }

    /**
     * A listener overflowed (contract §7.5): it must be a registered MAP listener, and the UNMAPs before the event
     * must have emptied its container.
     */
    Optional<String> overflowed(Event.ListenerOverflowed event) {
        ListenerSpec spec = registered.get(event.listener().value());
        if (spec == null || !spec.flags().contains(ListenerFlag.MAP)) {
            return Optional.of("overflow of a listener that is not a registered MAP listener: " + event);
        }
        overflowedThisCommand.add(spec.id());
        Type1Shadow shadow = shadows.get(spec.id());
        if (spec.isType1() && !shadow.isEmpty()) {
            return Optional.of(String.format("%s overflowed but its container still holds %d mappings", spec,
                    shadow.size()));
        }
        return Optional.empty();
    }

    /** Whether listener {@code id} overflowed during the current command. */
    boolean overflowed(int id) {
        return overflowedThisCommand.contains(id);
    }

    /** Whether one operation's events were cut at the window between VFIO's two listeners of a device. */
    boolean splitAtWindow(List<Event> events) {
        boolean low = false;
        boolean high = false;
        for (Event e : events) {
            if (e instanceof Event.ListenerNotified n) {
                low |= n.iova() + n.addressMask() == ListenVfio.LOW_LAST;
                high |= n.iova() == ListenVfio.HIGH_FIRST;
            }
        }
        return low && high;
    }

    List<ListenerSpec> registered() {
        return new ArrayList<>(registered.values());
    }

    Type1Shadow shadow(int id) {
        return shadows.get(id);
    }

    /** The UNMAP ranges listener {@code id} got during the current command. */
    List<long[]> unmaps(int id) {
        return unmapsThisCommand.getOrDefault(id, List.of());
    }

    boolean isUnmapOnly(ListenerSpec spec) {
        return spec.flags().contains(ListenerFlag.UNMAP) && !spec.flags().contains(ListenerFlag.MAP);
    }
}
