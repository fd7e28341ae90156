package io.vtdoracle.properties.lockstep;

import io.vtdoracle.properties.command.Probe;
import java.util.List;
import java.util.Set;

/**
 * Labels the probes of the caches' and table checks' edges by their purpose: each granularity of a late
 * invalidation, a device-TLB invalidation of the whole address space, a not-present entry above the leaf, an IRTE
 * at the end of memory, a root or context pointer beyond the HAW.
 */
final class CacheProbeLabels {

    static final Set<String> PURPOSES = Set.of("late-iotlb-page", "late-iotlb-domain", "late-iotlb-global",
            "late-iotlb-whole-space", "late-context-device", "late-context-domain", "late-context-global",
            "device-tlb-whole-space", "not-present-above-leaf", "irte-at-memory-end", "root-pointer-beyond-haw",
            "context-pointer-beyond-haw");

    private CacheProbeLabels() {
    }

    static List<String> ofProbe(Probe probe) {
        return PURPOSES.contains(probe.purpose()) ? List.of(probe.purpose()) : List.of();
    }
}
