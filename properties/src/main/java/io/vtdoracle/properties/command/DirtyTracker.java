package io.vtdoracle.properties.command;

import io.vtdoracle.api.SourceId;
import io.vtdoracle.properties.generate.Universe;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the guest changed without the matching invalidation yet (contract §3.1): context entries by device, and
 * leaf ranges by domain. Where nothing is pending, a request must give what a fresh walk gives. Conservative: a
 * domain-selective context invalidation clears nothing, and tampering with tables is tracked by the view instead.
 */
public final class DirtyTracker {

    private final Set<SourceId> contexts = new HashSet<>();
    private final Map<Integer, List<long[]>> leaves = new HashMap<>();

    public void context(SourceId source) {
        contexts.add(source);
    }

    /** A root entry was made present: every device of the bus may have a cached root fault. */
    public void bus(int bus) {
        for (SourceId source : Universe.SOURCES) {
            if (source.bus() == bus) {
                contexts.add(source);
            }
        }
    }

    public void leaves(int did, long first, long last) {
        leaves.computeIfAbsent(did, d -> new ArrayList<>()).add(new long[] {first, last});
    }

    public void invalidated(SyncScope scope) {
        switch (scope.kind()) {
            case CONTEXT_GLOBAL:
                contexts.clear();
                break;
            case CONTEXT_DEVICE:
                contexts.remove(scope.source());
                break;
            case IOTLB_GLOBAL:
                leaves.clear();
                break;
            case IOTLB_DOMAIN:
                leaves.remove(scope.did());
                break;
            case IOTLB_PAGE:
                List<long[]> ranges = leaves.get(scope.did());
                if (ranges != null) {
                    leaves.put(scope.did(), subtract(ranges, scope.first(), scope.last()));
                }
                break;
            default:
                break;
        }
    }

    /** Whether a request of {@code source} (in domain {@code did}, or null) at {@code address} has nothing pending. */
    public boolean clean(SourceId source, Integer did, long address) {
        if (contexts.contains(source)) {
            return false;
        }
        if (did == null) {
            return true;
        }
        for (long[] range : leaves.getOrDefault(did, List.of())) {
            if (address >= range[0] && address <= range[1]) {
                return false;
            }
        }
        return true;
    }

    private static List<long[]> subtract(List<long[]> ranges, long first, long last) {
        List<long[]> left = new ArrayList<>();
        for (long[] r : ranges) {
            if (r[1] < first || r[0] > last) {
                left.add(r);
                continue;
            }
            if (r[0] < first) {
                left.add(new long[] {r[0], first - 1});
            }
            if (r[1] > last) {
                left.add(new long[] {last + 1, r[1]});
            }
        }
        return left;
    }
}
