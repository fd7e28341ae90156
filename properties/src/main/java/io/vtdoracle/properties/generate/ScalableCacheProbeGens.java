package io.vtdoracle.properties.generate;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.check.Gen;
import io.vtdoracle.check.Gens;
import io.vtdoracle.guest.PageSize;
import io.vtdoracle.properties.command.Command;
import io.vtdoracle.properties.command.Dma;
import io.vtdoracle.properties.command.Flush;
import io.vtdoracle.properties.command.GuestView;
import io.vtdoracle.properties.command.MapRange;
import io.vtdoracle.properties.command.Probe;
import io.vtdoracle.properties.command.SwitchRidPasid;
import io.vtdoracle.properties.command.UnmapRange;
import java.util.ArrayList;
import java.util.List;

/**
 * Scalable-mode IOTLB probes (docs/semantics.md §9.9): a DMA fills the IOTLB, then a change that the right IOTLB
 * tag or invalidation range keeps from answering, then the same page again. Like {@link ProbeGens}, every probe
 * draws the same choices whatever the state.
 *
 * <ul>
 *   <li>RID_PASID: the device gets another RID_PASID under the same domain-id (another PGTT or other tables), its
 *       context-cache entry and the PASID cache invalidated, the IOTLB mostly not: an IOTLB entry found through
 *       the old RID_PASID must not answer (§6.2.3); the RID_PASID is one of PASID 0's table, one of a table of
 *       its own under another directory entry, or one without an entry at the ends of the directory (51h) or
 *       just beyond it (48h); then the device is put back, mostly with the IOTLB invalidation, and the same page
 *       again;</li>
 *   <li>P_IOTLB range: a first-stage buffer of 2 to 16 pages, a DMA to one of its pages other than the first, the
 *       buffer released (Linux's P_IOTLB page-selective-within-PASID with ADDR at its first page and AM > 0) or
 *       released and mapped elsewhere, the same page again: the P_IOTLB removes the 2^AM pages (§6.5.2.4).</li>
 * </ul>
 */
final class ScalableCacheProbeGens {

    private ScalableCacheProbeGens() {
    }

    /** The devices the probes aim at: those with translation, first-stage ones where there are any. */
    private static List<SourceId> firstStageFirst(GuestView view) {
        List<SourceId> devices = ProbeGens.translated(view);
        List<SourceId> firstStage = devices.stream()
                .filter(d -> view.stage(view.attached().get(d)).equals("first-stage")).toList();
        return firstStage.isEmpty() ? devices : firstStage;
    }

    private static int domainOf(GuestView view, SourceId source) {
        Integer did = view.attached().get(source);
        return did == null ? Universe.DOMAINS.get(0) : did;
    }

    static Gen<Command> ridPasid(GuestView view) {
        return tc -> {
            SourceId source = tc.draw(Draw.pick(ProbeGens.translated(view), Universe.SOURCES.get(0)));
            int did = domainOf(view, source);
            int pasid = tc.draw(Gens.frequency(Gens.weighted(4, Gens.ints(1, 63)),
                    Gens.weighted(1, Gens.elements(SwitchRidPasid.UNTABLED)),
                    Gens.weighted(1, Gens.ints(64, SwitchRidPasid.TABLED_LAST))));
            SwitchRidPasid.Entry entry = tc.draw(Gens.elements(SwitchRidPasid.Entry.values()));
            int pick = tc.draw(Gens.ints(0, Universe.DOMAINS.size() - 2));
            boolean flushed = tc.draw(Draw.chance(0.1));
            long iova = tc.draw(Gens.elements(ProbeGens.PROBE_IOVAS));
            long address = iova + (tc.draw(Gens.longs(0, 0x3FF)) << 2);
            long target = tc.draw(Draw.aligned(0x1000, 0xC000_0000L));
            Access access = tc.draw(Gens.elements(Access.READ, Access.WRITE));
            boolean flushedBack = tc.draw(Draw.usually(0.3));
            // another domain than the device's
            List<Integer> others = Universe.DOMAINS.stream().filter(d -> d != did).toList();
            int other = others.get(Math.min(pick, others.size() - 1));
            List<Command> steps = new ArrayList<>();
            steps.add(new MapRange(did, iova, 1, PageSize.SIZE_4K, target, Permission.READ_WRITE, Flush.LINUX));
            steps.add(new Dma(source, address, access));
            steps.add(new SwitchRidPasid(source, pasid, entry, other, flushed));
            steps.add(new Dma(source, address, access));
            steps.add(SwitchRidPasid.back(source, flushedBack));
            // without the IOTLB invalidation, an entry found through the other RID_PASID must not answer either
            steps.add(new Dma(source, address, access));
            return new Probe("rid-pasid", steps);
        };
    }

    static Gen<Command> piotlbRange(GuestView view) {
        return tc -> {
            SourceId source = tc.draw(Draw.pick(firstStageFirst(view), Universe.SOURCES.get(0)));
            int did = domainOf(view, source);
            int order = tc.draw(Gens.ints(1, 4));
            long base = tc.draw(Draw.aligned(0x1000L << order, 0x8000_0000L));
            int page = tc.draw(Gens.ints(1, (1 << order) - 1));
            long offset = tc.draw(Gens.longs(0, 0x3FF)) << 2;
            long target = tc.draw(Draw.aligned(0x1_0000, 0xC000_0000L));
            long elsewhere = tc.draw(Draw.aligned(0x1_0000, 0xC000_0000L));
            boolean remapped = tc.draw(Draw.chance(0.3));
            boolean first = tc.draw(Draw.chance(0.5));
            Access access = tc.draw(Gens.elements(Access.READ, Access.WRITE));
            int pages = 1 << order;
            long address = base + 0x1000L * page + offset;
            List<Command> steps = new ArrayList<>();
            steps.add(new MapRange(did, base, pages, PageSize.SIZE_4K, target, Permission.READ_WRITE, Flush.LINUX));
            if (first) {
                steps.add(new Dma(source, base + offset, access));
            }
            steps.add(new Dma(source, address, access));
            steps.add(new UnmapRange(did, base, pages, PageSize.SIZE_4K, Flush.LINUX));
            if (remapped) {
                steps.add(new MapRange(did, base, pages, PageSize.SIZE_4K, elsewhere, Permission.READ_WRITE,
                        Flush.LINUX));
            }
            steps.add(new Dma(source, address, access));
            return new Probe("piotlb-range", steps);
        };
    }
}
