package io.vtdoracle.properties.lockstep;

import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Result;
import io.vtdoracle.properties.command.Command;
import io.vtdoracle.properties.command.GuestView;
import io.vtdoracle.properties.command.MapRange;
import io.vtdoracle.properties.command.SwitchRidPasid;
import io.vtdoracle.properties.command.SyncScope;
import io.vtdoracle.properties.command.UnmapRange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Labels a scalable-mode DMA to a page that an IOTLB entry the request must not use may still hold (§9.9): one
 * translated through another RID_PASID of the device (an IOTLB entry is tagged by DID and PASID, §6.2.3), or one
 * translated before a P_IOTLB page-selective-within-PASID invalidation with AM > 0 removed it, the page not being
 * the one at the descriptor's ADDR (§6.5.2.4: the invalidation covers 2^AM pages). One instance per case.
 */
final class ScalableCacheLabels {

    static final String OTHER_RID_PASID = "dma-cached-under-other-rid-pasid";
    static final String OFF_ADDR_OF_PIOTLB = "dma-cached-off-addr-of-piotlb-am>0";

    private static final long PAGE = ~0xFFFL;

    /** A page a DMA translated: the RID_PASID and the domain it was translated through. */
    private record Fill(int ridPasid, Integer did) {
    }

    /** Per requester-id, its RID_PASID where the guest changed it. */
    private final Map<Integer, Integer> ridPasids = new HashMap<>();
    /** Per requester-id, the pages translated since the last invalidation that may have removed them. */
    private final Map<Integer, Map<Long, Fill>> translated = new HashMap<>();
    /** Per requester-id, pages translated, then covered by a P_IOTLB with AM > 0 off its ADDR. */
    private final Map<Integer, Set<Long>> offAddr = new HashMap<>();
    /** ADDR of the P_IOTLB the running command may do: the start of the range it maps or unmaps. */
    private long rangeStart = -1;

    /** Remembers what {@code command} changes, before it runs. */
    void beforeCommand(Command command) {
        if (command instanceof SwitchRidPasid s) {
            ridPasids.put(s.source().value(), s.pasid());
        }
        rangeStart = command instanceof UnmapRange u ? u.iova() & PAGE
                : command instanceof MapRange m ? m.iova() & PAGE : -1;
    }

    /** Labels of {@code operation}'s outcome in {@code view}; remembers the page of a translated DMA. */
    List<String> ofOutcome(GuestView view, Operation operation, Outcome actual) {
        if (!(operation instanceof Operation.DmaRequest dma)) {
            return List.of();
        }
        int sid = dma.source().value();
        long page = dma.address() & PAGE;
        int ridPasid = ridPasids.getOrDefault(sid, 0);
        List<String> labels = new ArrayList<>();
        Fill fill = translated.getOrDefault(sid, Map.of()).get(page);
        if (fill != null && fill.ridPasid() != ridPasid) {
            labels.add(OTHER_RID_PASID);
        }
        Set<Long> flushed = offAddr.getOrDefault(sid, new HashSet<>());
        if (flushed.contains(page)) {
            labels.add(OFF_ADDR_OF_PIOTLB);
        }
        if (actual.result() instanceof Result.Translated) {
            translated.computeIfAbsent(sid, s -> new HashMap<>())
                    .put(page, new Fill(ridPasid, view.attached().get(dma.source())));
            flushed.remove(page);
        }
        return labels;
    }

    /** After a command: what its IOTLB and P_IOTLB invalidations, TE changes and replays may have removed. */
    void afterCommand(List<SyncScope> syncs) {
        for (SyncScope scope : syncs) {
            if (scope.kind() == SyncScope.Kind.PIOTLB_PAGE) {
                // a range off ADDR: what a unit ignoring AM would keep; ADDR's page (or an AM = 0 page) goes
                long first = scope.first();
                long last = scope.last();
                boolean range = last - first > 0xFFF && rangeStart >= first && rangeStart <= last;
                offAddr.values().forEach(pages -> pages.removeIf(p -> range ? p == rangeStart
                        : p >= first && p <= last));
                for (Map.Entry<Integer, Map<Long, Fill>> device : translated.entrySet()) {
                    device.getValue().entrySet().removeIf(e -> {
                        long page = e.getKey();
                        boolean covered = Integer.valueOf(scope.did()).equals(e.getValue().did()) && page >= first
                                && page <= last;
                        if (covered && range && page != rangeStart) {
                            offAddr.computeIfAbsent(device.getKey(), s -> new HashSet<>()).add(page);
                        }
                        return covered;
                    });
                }
            } else if (scope.isIotlb() || scope.kind() == SyncScope.Kind.PIOTLB_PASID
                    || scope.kind() == SyncScope.Kind.TRANSLATION || scope.kind() == SyncScope.Kind.REPLAY) {
                translated.clear();
                offAddr.clear();
            }
        }
        rangeStart = -1;
    }
}
