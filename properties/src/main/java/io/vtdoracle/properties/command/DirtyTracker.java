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
    /** Scalable mode: the DIDs of RID_PASID entries a device had that the PASID cache may still hold. */
    private final Map<SourceId, Set<Integer>> pasids = new HashMap<>();
    /** Scalable mode: domains whose IOTLB entries may come from a device that has since switched (any kind). */
    private final Set<Integer> switched = new HashSet<>();

    public void context(SourceId source) {
        contexts.add(source);
    }

    /** A root entry was made present: every device of the bus may have a cached root fault. */
    public void bus(int bus) {
        for (SourceId source : Universe.DEVICES) {
            if (source.bus() == bus) {
                contexts.add(source);
            }
        }
    }

    /**
     * Scalable mode: {@code source}'s RID_PASID entry changed from domain {@code before} to {@code after} (either
     * null for none): its PASID-cache entry is stale until a PASID-cache invalidation covers it, and the IOTLB
     * entries of both domains may be answered through a stale or a fresh entry (§9.9).
     */
    public void pasidChanged(SourceId source, Integer before, Integer after) {
        if (before != null) {
            pasids.computeIfAbsent(source, s -> new HashSet<>()).add(before);
            switched.add(before);
        }
        if (after != null) {
            switched.add(after);
        }
    }

    public void leaves(int did, long first, long last) {
        leaves.computeIfAbsent(did, d -> new ArrayList<>()).add(new long[] {first, last});
    }

    /**
     * What {@code scope} surely removes (§9.9 for scalable mode); {@code firstStage}: its domain has first-stage
     * tables, whose entries (and pass-through ones) a P_IOTLB removes.
     */
    public void invalidated(SyncScope scope, boolean firstStage) {
        switch (scope.kind()) {
            case PASID_CACHE_GLOBAL:
                pasids.clear();
                break;
            case PASID_CACHE_DOMAIN:
            case PASID_CACHE_PASID:
                pasids.values().forEach(dids -> dids.remove(scope.did()));
                break;
            case PIOTLB_PASID:
                if (firstStage) {
                    leaves.remove(scope.did());
                    switched.remove(scope.did());
                }
                break;
            case PIOTLB_PAGE:
                if (firstStage) {
                    subtractLeaves(scope);
                }
                break;
            case CONTEXT_GLOBAL:
                contexts.clear();
                break;
            case CONTEXT_DEVICE:
                contexts.remove(scope.source());
                break;
            case IOTLB_GLOBAL:
                leaves.clear();
                switched.clear();
                break;
            case IOTLB_DOMAIN:
                leaves.remove(scope.did());
                switched.remove(scope.did());
                break;
            case IOTLB_PAGE:
                subtractLeaves(scope);
                break;
            default:
                break;
        }
    }

    private void subtractLeaves(SyncScope scope) {
        List<long[]> ranges = leaves.get(scope.did());
        if (ranges != null) {
            leaves.put(scope.did(), subtract(ranges, scope.first(), scope.last()));
        }
    }

    /** Whether a request of {@code source} (in domain {@code did}, or null) at {@code address} has nothing pending. */
    public boolean clean(SourceId source, Integer did, long address) {
        if (contexts.contains(source) || !pasids.getOrDefault(source, Set.of()).isEmpty()) {
            return false;
        }
        if (did == null) {
            return true;
        }
        if (switched.contains(did)) {
            return false;
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
