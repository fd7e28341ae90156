package io.vtdoracle.properties.lockstep;

import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Result;
import io.vtdoracle.properties.command.SyncScope;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Labels a DMA that an IOTLB entry may answer and that must fault all the same: a write denied (5h) or a read
 * denied (6h) on a leaf the same device had translated since the last invalidation or other sync, so a unit that
 * caches may hold the leaf and must check its rights for the access (§7.1.3). One instance per case.
 */
final class CachedLeafLabels {

    static final String DENIED_ON_TRANSLATED_LEAF = "dma-denied-on-translated-leaf";

    /** Per requester-id, the input leaf bases translated since the last sync, with their page masks. */
    private final Map<Integer, Map<Long, Long>> translated = new HashMap<>();

    /** Labels of {@code operation}'s outcome; remembers the leaf of a translated DMA. */
    List<String> ofOutcome(Operation operation, Outcome actual) {
        if (!(operation instanceof Operation.DmaRequest dma)) {
            return List.of();
        }
        int sid = dma.source().value();
        Map<Long, Long> leaves = translated.computeIfAbsent(sid, s -> new HashMap<>());
        Result result = actual.result();
        if (result instanceof Result.Translated t) {
            leaves.put(dma.address() & ~t.pageMask(), t.pageMask());
            return List.of();
        }
        boolean denied = result instanceof Result.DmaFault f && (f.reason().code() == 5 || f.reason().code() == 6);
        boolean seen = leaves.entrySet().stream().anyMatch(l -> (dma.address() & ~l.getValue()) == l.getKey());
        return denied && seen ? List.of(DENIED_ON_TRANSLATED_LEAF) : List.of();
    }

    /** After a command: any invalidation, TE change or replay it performed forgets every leaf. */
    void afterCommand(List<SyncScope> syncs) {
        if (!syncs.isEmpty()) {
            translated.clear();
        }
    }
}
