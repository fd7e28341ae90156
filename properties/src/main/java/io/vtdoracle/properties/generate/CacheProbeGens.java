package io.vtdoracle.properties.generate;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.ListenerFlag;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.check.Gen;
import io.vtdoracle.check.Gens;
import io.vtdoracle.guest.Domain;
import io.vtdoracle.guest.Encoding;
import io.vtdoracle.guest.PageSize;
import io.vtdoracle.properties.command.Attach;
import io.vtdoracle.properties.command.Command;
import io.vtdoracle.properties.command.DeviceTlbInvalidate;
import io.vtdoracle.properties.command.Dma;
import io.vtdoracle.properties.command.Flush;
import io.vtdoracle.properties.command.GuestView;
import io.vtdoracle.properties.command.Interrupt;
import io.vtdoracle.properties.command.Invalidate;
import io.vtdoracle.properties.command.Invalidation;
import io.vtdoracle.properties.command.Listen;
import io.vtdoracle.properties.command.ListenerSpec;
import io.vtdoracle.properties.command.MapRange;
import io.vtdoracle.properties.command.PowerOn;
import io.vtdoracle.properties.command.Probe;
import io.vtdoracle.properties.command.RawContext;
import io.vtdoracle.properties.command.RelocateInterruptTable;
import io.vtdoracle.properties.command.RootBits;
import io.vtdoracle.properties.command.SetPteBits;
import io.vtdoracle.properties.command.SetPteRights;
import io.vtdoracle.properties.command.UnmapRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Probes of what the unit's caches and table checks get wrong at the edges (legacy mode); like {@link ProbeGens},
 * every probe draws the same choices whatever the state. Each probe's purpose is its coverage label.
 *
 * <ul>
 *   <li>late invalidation: a DMA caches a translation, the guest changes it without invalidating (remap, unmap,
 *       or a re-attach to another domain), a DMA (stale or fresh), then the forgotten invalidation at a drawn
 *       granularity (IOTLB page, domain or global after a table change; context device, old domain or global after
 *       a re-attach; on a unit with MAMV ≥ 52 also a page-selective one with AM 52–63, the whole address space, at
 *       an address far from the page), and a last DMA, which must see the new tables (§6.5.1, §6.5.2);</li>
 *   <li>device-TLB of everything: a DEVICE_IOTLB_UNMAP listener on a device, then a device-TLB invalidation with
 *       S = 1 and ADDR 63:12 of 50, 51 or 52 trailing ones: 2^63, 2^64 bytes, or more than the address space
 *       (§6.5.2.5);</li>
 *   <li>not present above the leaf: R = W = 0 in an entry above level 1, its address kept, over a path whose leaf
 *       has a reserved bit: the walk stops there with 5h or 6h, never reaching the reserved bit (Ch, §9.8);</li>
 *   <li>IRTE at the end of memory: the IRT latched on guest memory's last page with a size field larger than the
 *       page, and an interrupt through the first index past the page: an IRTE that starts exactly at the end of
 *       memory cannot be read (23h, §5.1.4), then the IRT back;</li>
 *   <li>pointer beyond the HAW: a bit at or above the host address width in a root entry's context-table pointer
 *       (Ah) or a context entry's second-level pointer (Bh), a DMA, then repaired (§9.1, §9.3).</li>
 * </ul>
 */
final class CacheProbeGens {

    /** The least AM whose block of pages is the whole 64-bit address space. */
    static final int WHOLE_SPACE_AM = 52;

    private CacheProbeGens() {
    }

    private static Gen<SourceId> device(GuestView view) {
        return Draw.pick(ProbeGens.translated(view), Universe.SOURCES.get(0));
    }

    private static int domainOf(GuestView view, SourceId source) {
        Integer did = view.attached().get(source);
        return did == null ? Universe.DOMAINS.get(0) : did;
    }

    /** A 4 KiB IOVA a DMA can reach, aligned down to {@code size}. */
    private static Gen<Long> iova(PageSize size) {
        long mask = ~(size.bytes() - 1);
        return Gens.elements(ProbeGens.PROBE_IOVAS).map(a -> a & mask);
    }

    private static Gen<Long> target(PageSize size) {
        return Draw.aligned(size.bytes(), 0xC000_0000L);
    }

    private static Gen<Access> access() {
        return Gens.elements(Access.READ, Access.WRITE);
    }

    // ---------------------------------------------------------------- late invalidation

    static Gen<Command> lateInvalidation(GuestView view) {
        int mamv = view.capabilities().maxAddressMaskValue();
        return tc -> {
            SourceId source = tc.draw(device(view));
            int did = domainOf(view, source);
            PageSize size = tc.draw(DriverGens.size(view, did));
            long iova = tc.draw(iova(size));
            long target = tc.draw(target(size));
            long address = iova + (tc.draw(Gens.longs(0, 0x3FF)) << 2);
            Access access = tc.draw(access());
            int change = tc.draw(Gens.frequency(Gens.weighted(2, Gens.constant(0)), Gens.weighted(1, Gens.constant(1)),
                    Gens.weighted(1.5, Gens.constant(2))));
            int granularity = tc.draw(Gens.ints(0, 2));
            boolean whole = tc.draw(Draw.chance(0.6));
            int wideAm = tc.draw(Draw.mostly(Gens.constant(WHOLE_SPACE_AM), 0.4, Gens.ints(WHOLE_SPACE_AM + 1, 63)));
            long far = iova + 0x4000_0000L * (1 + tc.draw(Gens.longs(0, 3)));
            long moved = target + size.bytes() * (1 + tc.draw(Gens.longs(0, 15)));
            int other = Universe.DOMAINS.get((Universe.DOMAINS.indexOf(did) + 1 + tc.draw(Gens.ints(0, 1)))
                    % Universe.DOMAINS.size());
            Dma dma = new Dma(source, address, access);
            Command without;
            Invalidation late;
            String purpose;
            if (change == 2) {
                without = new Attach(source, other, false, Flush.FORGOTTEN);
                late = granularity == 0 ? Invalidation.contextDevice(did, source)
                        : granularity == 1 ? Invalidation.contextDomain(did) : Invalidation.contextGlobal();
                purpose = granularity == 0 ? "late-context-device" : granularity == 1 ? "late-context-domain"
                        : "late-context-global";
            } else {
                without = change == 0
                        ? new MapRange(did, iova, 1, size, moved, Permission.READ_WRITE, Flush.FORGOTTEN)
                        : new UnmapRange(did, iova, 1, size, Flush.FORGOTTEN);
                if (whole && wideAm <= mamv) {
                    late = Invalidation.iotlbPage(did, far, wideAm);
                    purpose = "late-iotlb-whole-space";
                } else {
                    late = granularity == 0 ? Invalidation.iotlbPage(did, iova, 0)
                            : granularity == 1 ? Invalidation.iotlbDomain(did) : Invalidation.iotlbGlobal();
                    purpose = granularity == 0 ? "late-iotlb-page" : granularity == 1 ? "late-iotlb-domain"
                            : "late-iotlb-global";
                }
            }
            return new Probe(purpose, List.of(
                    new MapRange(did, iova, 1, size, target, Permission.READ_WRITE, Flush.LINUX), dma, without, dma,
                    new Invalidate(late, Flush.LINUX), dma));
        };
    }

    // ---------------------------------------------------------------- device-TLB of everything

    /** ADDR 63:12 with 50, 51 or 52 trailing ones: with S = 1, 2^63 or 2^64 bytes, or beyond 64 bits. */
    static final List<Long> WHOLE_SPACE_ADDRESSES = List.of(0x7FFF_FFFF_FFFF_F000L, 0x3FFF_FFFF_FFFF_F000L,
            0xFFFF_FFFF_FFFF_F000L);

    static Gen<Command> deviceTlbWholeSpace(GuestView view) {
        long top = (1L << view.capabilities().addressWidth()) - 1;
        return tc -> {
            SourceId source = tc.draw(device(view));
            int did = domainOf(view, source);
            long iova = tc.draw(iova(PageSize.SIZE_4K));
            long target = tc.draw(target(PageSize.SIZE_4K));
            long address = tc.draw(Draw.mostly(Gens.constant(WHOLE_SPACE_ADDRESSES.get(0)), 0.4,
                    Gens.elements(WHOLE_SPACE_ADDRESSES)));
            List<Command> steps = new ArrayList<>();
            boolean listening = view.listeners().values().stream().anyMatch(l -> l.source().equals(source)
                    && l.flags().contains(ListenerFlag.DEVICE_IOTLB_UNMAP) && l.first() == 0 && l.last() == top);
            if (!listening) {
                steps.add(new Listen(new ListenerSpec(view.nextListenerId(), source, 0, top,
                        Set.of(ListenerFlag.DEVICE_IOTLB_UNMAP), ListenerSpec.VFIO_BUDGET), false));
            }
            steps.add(new MapRange(did, iova, 1, PageSize.SIZE_4K, target, Permission.READ_WRITE, Flush.LINUX));
            steps.add(new Dma(source, iova, Access.READ));
            steps.add(new DeviceTlbInvalidate(source, address, true));
            return new Probe("device-tlb-whole-space", steps);
        };
    }

    // ---------------------------------------------------------------- not present above the leaf

    /** Bit 51: reserved in every second-level entry (above the largest host address width, §9.8). */
    static final long RESERVED = 1L << 51;

    static Gen<Command> notPresentAboveLeaf(GuestView view) {
        int levels = view.capabilities().addressWidth() == 39 ? 3 : 4;
        return tc -> {
            SourceId source = tc.draw(device(view));
            int did = domainOf(view, source);
            long iova = tc.draw(iova(PageSize.SIZE_4K));
            long target = tc.draw(target(PageSize.SIZE_4K));
            long address = iova + (tc.draw(Gens.longs(0, 0x3FF)) << 2);
            Access access = tc.draw(access());
            int at = 2 + tc.draw(Gens.ints(0, 2)) % (levels - 1);
            Invalidate psi = new Invalidate(Invalidation.iotlbPage(did, iova, 0), Flush.LINUX);
            return new Probe("not-present-above-leaf", List.of(
                    new MapRange(did, iova, 1, PageSize.SIZE_4K, target, Permission.READ_WRITE, Flush.LINUX),
                    new SetPteBits(did, iova, 1, RESERVED, true), new SetPteRights(did, iova, at, 0), psi,
                    new Dma(source, address, access),
                    new SetPteRights(did, iova, at, 3), new SetPteBits(did, iova, 1, RESERVED, false), psi));
        };
    }

    // ---------------------------------------------------------------- IRTE at the end of memory

    /** IRTEs on a 4 KiB page: the index of the first one past it. */
    static final int PAST_PAGE = 0x1000 / 16;

    static Gen<Command> irteAtMemoryEnd(GuestView view) {
        long lastPage = view.capabilities().guestMemoryBytes() - 0x1000;
        long table = view.interruptTable();
        return tc -> {
            SourceId source = tc.draw(Gens.elements(Universe.SOURCES));
            int sizeField = tc.draw(Gens.ints(8, 15));
            int data = tc.draw(Gens.ints(0, 0xFFFF));
            return new Probe("irte-at-memory-end", List.of(new RelocateInterruptTable(lastPage, sizeField),
                    new Interrupt(source, Encoding.remappableAddress(PAST_PAGE, false), data),
                    new RelocateInterruptTable(table, PowerOn.IRT_SIZE_FIELD)));
        };
    }

    // ---------------------------------------------------------------- pointer beyond the HAW

    static Gen<Command> pointerBeyondHaw(GuestView view) {
        int aw = view.capabilities().addressWidth();
        int levels = aw == 39 ? 3 : 4;
        return tc -> {
            SourceId source = tc.draw(device(view));
            int did = domainOf(view, source);
            Domain domain = view.domains().get(did);
            long table = domain == null ? 0 : domain.table();
            long iova = tc.draw(iova(PageSize.SIZE_4K));
            long address = iova + (tc.draw(Gens.longs(0, 0x3FF)) << 2);
            Access access = tc.draw(access());
            boolean root = tc.draw(Gens.booleans());
            long bit = 1L << Math.min(51, aw + tc.draw(Draw.mostly(Gens.constant(0), 0.4, Gens.ints(1, 12))));
            Dma dma = new Dma(source, address, access);
            Invalidate contexts = new Invalidate(Invalidation.contextGlobal(), Flush.LINUX);
            if (root) {
                return new Probe("root-pointer-beyond-haw", List.of(new RootBits(source.bus(), bit, true), contexts,
                        dma, new RootBits(source.bus(), bit, false), contexts));
            }
            long high = (long) did << 8 | (levels - 2);
            return new Probe("context-pointer-beyond-haw", List.of(
                    new RawContext(source, table | bit | 1, high, Flush.LINUX), dma,
                    new Attach(source, did, false, Flush.LINUX)));
        };
    }
}
