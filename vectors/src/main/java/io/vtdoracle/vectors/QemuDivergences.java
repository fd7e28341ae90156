package io.vtdoracle.vectors;

import io.vtdoracle.api.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which vectors exercise a known divergence of QEMU 7.2 (the ids of qemu/src/main/resources/qemu-known-divergences.txt,
 * described in docs/divergences.md): a QEMU run failing one of them fails on a known point, not a new one.
 */
final class QemuDivergences {

    private static final Map<String, List<String>> BY_ID = Map.ofEntries(
            Map.entry("paging/write-after-read-hit-5h", List.of("D1-write")),
            Map.entry("paging/read-after-write-hit-6h", List.of("D1-read")),
            Map.entry("paging/superpage-over-window-outside", List.of("D3")),
            Map.entry("invalidation/wait-status-then-interrupt", List.of("D11-abort")),
            Map.entry("invalidation/descriptor-wait-fence", List.of("D11-neither")),
            Map.entry("invalidation/malformed-device-tlb-without-dt", List.of("N5")),
            Map.entry("invalidation/malformed-type-high-bits", List.of("N9")),
            Map.entry("root-context/domain-switch", List.of("N8")),
            Map.entry("registers/writable-bits-read-back", List.of("N4", "D22-IVA", "D22-CCMD")),
            Map.entry("invalidation/register-context-granularity-0", List.of("D22-CCMD")),
            Map.entry("invalidation/register-context-granularity-1", List.of("D22-CCMD")),
            Map.entry("invalidation/register-context-granularity-2", List.of("D22-CCMD")),
            Map.entry("invalidation/register-context-granularity-3", List.of("D22-CCMD")),
            Map.entry("interrupt-remapping/compatibility-blocked-25h", List.of("D18")),
            Map.entry("interrupt-remapping/compatibility-allowed", List.of("D18-cfis")),
            Map.entry("interrupt-remapping/entry-reserved-24h", List.of("D25")),
            Map.entry("interrupt-remapping/source-id-bus-range-26h", List.of("D24")));

    private QemuDivergences() {
    }

    /** The vector with the divergences it exercises: listed above, and D19 where a probe must record an IR fault. */
    static Vector flag(Vector vector) {
        List<String> ids = new ArrayList<>(BY_ID.getOrDefault(vector.id(), List.of()));
        if (!ids.contains("D19") && vector.steps().stream().anyMatch(QemuDivergences::recordsIrFault)) {
            ids.add("D19");
        }
        ids.sort(null);
        return new Vector(vector.id(), vector.chapter(), vector.title(), vector.origin(), vector.capabilities(),
                vector.sections(), ids, vector.ambiguities(), vector.steps());
    }

    /** Whether every outcome a probe step allows records an interrupt-remapping fault (20h-26h), which D19 drops. */
    private static boolean recordsIrFault(Step step) {
        return step.probe() && step.allowed().stream().allMatch(allowed -> allowed.outcome().events().stream()
                .anyMatch(event -> event instanceof Event.FaultRecorded recorded && recorded.reason().code() >= 0x20));
    }
}
