package io.vtdoracle.properties.generate;

import io.vtdoracle.api.ListenerFlag;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.check.Gen;
import io.vtdoracle.check.Gens;
import io.vtdoracle.guest.Domain;
import io.vtdoracle.guest.PageSize;
import io.vtdoracle.properties.command.AliasTable;
import io.vtdoracle.properties.command.ChangeRidPasidEntry;
import io.vtdoracle.properties.command.Command;
import io.vtdoracle.properties.command.Flush;
import io.vtdoracle.properties.command.GuestView;
import io.vtdoracle.properties.command.Invalidate;
import io.vtdoracle.properties.command.Invalidation;
import io.vtdoracle.properties.command.Listen;
import io.vtdoracle.properties.command.ListenVfio;
import io.vtdoracle.properties.command.ListenerSpec;
import io.vtdoracle.properties.command.MapRange;
import io.vtdoracle.properties.command.Probe;
import io.vtdoracle.properties.command.ReplayListener;
import io.vtdoracle.properties.command.SetPteBits;
import io.vtdoracle.properties.command.SwitchRidPasid;
import io.vtdoracle.properties.command.UnmapRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Probes of how a MAP listener's updates are cut and widened (contract §7.1, §7.3) where the page tables make
 * that hard, each under VFIO's listeners on a translated device (registered if missing). Like {@link ProbeGens},
 * every probe draws the same choices whatever the state.
 *
 * <ul>
 *   <li>window run: a buffer of several pages (4 KiB, or 2 MiB with superpages) whose target frames start a few
 *       pages below the interrupt window and run into it (§3.14): the listener must be told the pages below it and
 *       never those inside; then part of the buffer and the whole of it are released;</li>
 *   <li>superpage reshape: a run of adjacent 2 MiB superpages with contiguous targets, then one block changed
 *       without its invalidation (split into 4 KiB leaves; or its 4 KiB leaves replaced by a superpage, with rights
 *       or with none but its other bits set; or its table pointer moved beyond memory), then a page-selective
 *       invalidation starting and ending inside the block, sometimes after one of an address beyond the tables'
 *       address width: the update is widened to the whole leaves it meets, held or current, and only to those;</li>
 *   <li>unaligned listener: a listener whose range starts or ends inside a page (one byte, the interrupt window's
 *       first or last byte, odd bytes), then a buffer mapped and unmapped across that end;</li>
 *   <li>descending run: pages mapped one by one with targets descending by exactly their size, then one
 *       invalidation over them and their release;</li>
 *   <li>emptied tables: pages mapped in 9 to 24 distinct 2 MiB blocks and unmapped again (the driver keeps the
 *       emptied 4 KiB tables), then the listener replayed: its walk meets many subtrees without a leaf;</li>
 *   <li>PASID-selective skip (scalable mode): a device on another RID_PASID of its domain-id has that entry
 *       rewritten, then a PASID-selective PASID-cache invalidation of its domain for PASID 0 comes first: it must
 *       not refresh that device's listeners (contract §9.10);</li>
 *   <li>shared frames: pages mapped one by one at adjacent IOVAs, each target one frame above, the same as, or one
 *       or two frames below the previous one's (a zero page, a shared ring, bounce buffers), then one invalidation
 *       over them and their release;</li>
 *   <li>aliased tables: a level-3 entry pointed at a 4 KiB table of the domain, which a walk then reads as a
 *       level-2 table there and as a level-1 table where it belongs, then a domain-selective invalidation (and a
 *       replay) that walks both.</li>
 * </ul>
 */
final class ListenerProbeGens {

    /** The first byte of the interrupt window. */
    private static final long WINDOW = Operation.INTERRUPT_WINDOW_FIRST;

    /** Bit 38 of a table pointer: moves it 256 GiB up, beyond guest memory, without touching reserved bits. */
    private static final long BEYOND_MEMORY = 1L << 38;

    private ListenerProbeGens() {
    }

    private static Gen<SourceId> device(GuestView view) {
        return Draw.pick(ProbeGens.translated(view), Universe.SOURCES.get(0));
    }

    private static int domainOf(GuestView view, SourceId source) {
        Integer did = view.attached().get(source);
        return did == null ? Universe.DOMAINS.get(0) : did;
    }

    /** VFIO's low listener on {@code source}: its id, or -1 when it is not registered. */
    private static int vfioLow(GuestView view, SourceId source) {
        return view.listeners().values().stream().filter(l -> l.source().equals(source) && l.isType1()
                && l.first() == 0 && l.last() == ListenVfio.LOW_LAST).mapToInt(ListenerSpec::id).findFirst()
                .orElse(-1);
    }

    /** The steps start with VFIO's listeners on {@code source} if it has none; returns the low one's id. */
    private static int listen(GuestView view, SourceId source, List<Command> steps) {
        int low = vfioLow(view, source);
        if (low >= 0) {
            return low;
        }
        steps.add(new ListenVfio(view.nextListenerId(), source));
        return view.nextListenerId();
    }

    /** A page-selective IOTLB invalidation as the domain's stage needs it (P_IOTLB for a first-stage domain). */
    private static Invalidation pageSelective(GuestView view, int did, long address, int am) {
        return view.stage(did).equals("first-stage") ? Invalidation.piotlbPage(did, address, am, false)
                : Invalidation.iotlbPage(did, address, am);
    }

    /** A domain-selective IOTLB invalidation as the domain's stage needs it (P_IOTLB of the PASID for first stage). */
    private static Invalidation domainWide(GuestView view, int did) {
        return view.stage(did).equals("first-stage") ? Invalidation.piotlbPasid(did) : Invalidation.iotlbDomain(did);
    }

    /**
     * One invalidation over {@code pages} 4 KiB pages from {@code iova}: page-selective with the smallest AM that
     * covers them, or domain-selective where that AM is beyond MAMV (§6.5.2.3, as Linux does).
     */
    private static Invalidation overPages(GuestView view, int did, long iova, long pages) {
        int am = 64 - Long.numberOfLeadingZeros(pages - 1);
        return am <= view.capabilities().maxAddressMaskValue() ? pageSelective(view, did, iova, am)
                : domainWide(view, did);
    }

    // ---------------------------------------------------------------- window run

    static Gen<Command> windowRun(GuestView view) {
        boolean superpages = view.capabilities().superpages();
        return tc -> {
            SourceId source = tc.draw(device(view));
            int did = domainOf(view, source);
            boolean large = tc.draw(Draw.chance(0.25)) && superpages;
            boolean iovaSide = tc.draw(Draw.chance(0.3));
            int pages = tc.draw(Gens.ints(2, 16));
            int below = tc.draw(Gens.ints(1, 15));
            int start = tc.draw(Gens.ints(0, 15));
            int released = tc.draw(Gens.ints(1, 16));
            long iova4k = tc.draw(Draw.aligned(0x1000, 0x8000_0000L));
            long iova2m = tc.draw(Draw.aligned(0x20_0000, 0x8000_0000L));
            PageSize size = large ? PageSize.SIZE_2M : PageSize.SIZE_4K;
            int count = large ? Math.min(pages, 4) : pages;
            long bytes = size.bytes();
            long intoWindow = WINDOW - bytes * (1 + below % (count - 1));
            long iova = iovaSide ? intoWindow : large ? iova2m : iova4k;
            long target = iovaSide ? (large ? iova2m : iova4k) : intoWindow;
            int first = start % count;
            List<Command> steps = new ArrayList<>();
            listen(view, source, steps);
            steps.add(new MapRange(did, iova, count, size, target, Permission.READ_WRITE, Flush.LINUX));
            steps.add(new UnmapRange(did, iova + bytes * first, 1 + (released - 1) % (count - first), size,
                    Flush.LINUX));
            steps.add(new UnmapRange(did, iova, count, size, Flush.LINUX));
            return new Probe(iovaSide ? "window-run-iova" : "window-run", steps);
        };
    }

    // ---------------------------------------------------------------- superpage reshape

    static Gen<Command> superpageReshape(GuestView view) {
        return tc -> {
            SourceId source = tc.draw(device(view));
            int did = domainOf(view, source);
            long base = tc.draw(Draw.mostly(Draw.aligned(0x20_0000, 0x8000_0000L), 0.2, Gens.constant(0L)));
            int superpages = tc.draw(Gens.ints(2, 4));
            int reshaped = tc.draw(Gens.ints(0, 3)) % superpages;
            long target = tc.draw(Draw.aligned(0x20_0000, 0xC000_0000L));
            long other = tc.draw(Draw.aligned(0x20_0000, 0xC000_0000L));
            int shape = tc.draw(Gens.frequency(Gens.weighted(1, Gens.constant(0)), Gens.weighted(1, Gens.constant(1)),
                    Gens.weighted(1, Gens.constant(2)), Gens.weighted(1, Gens.constant(3))));
            int firstPage = tc.draw(Gens.ints(0, 511));
            int pages = tc.draw(Gens.ints(1, 16));
            int am = tc.draw(Gens.ints(0, 3));
            int page = tc.draw(Draw.mostly(Gens.ints(0, 511), 0.2, Gens.constant(0)));
            boolean beyondWidth = tc.draw(Draw.chance(0.25));
            long block = base + 0x20_0000L * reshaped;
            int count = Math.min(pages, 512 - firstPage);
            long small = block + 0x1000L * firstPage;
            List<Command> steps = new ArrayList<>();
            listen(view, source, steps);
            steps.add(new MapRange(did, base, superpages, PageSize.SIZE_2M, target, Permission.READ_WRITE,
                    Flush.LINUX));
            String purpose;
            switch (shape) {
                case 0:
                    purpose = "superpage-split";
                    steps.add(new MapRange(did, small, count, PageSize.SIZE_4K, other, Permission.READ_WRITE,
                            Flush.FORGOTTEN));
                    break;
                case 1:
                case 2:
                    purpose = shape == 1 ? "superpage-merge" : "superpage-merge-without-rights";
                    steps.add(new MapRange(did, small, count, PageSize.SIZE_4K, other, Permission.READ_WRITE,
                            Flush.LINUX));
                    steps.add(new MapRange(did, block, 1, PageSize.SIZE_2M, other,
                            shape == 1 ? Permission.READ_WRITE : Permission.NONE, Flush.FORGOTTEN));
                    break;
                default:
                    purpose = "table-beyond-memory";
                    steps.add(new MapRange(did, small, count, PageSize.SIZE_4K, other, Permission.READ_WRITE,
                            Flush.LINUX));
                    steps.add(new SetPteBits(did, block, 2, BEYOND_MEMORY, true));
                    break;
            }
            Domain domain = view.domains().get(did);
            if (beyondWidth && domain != null) {
                long width = 1L << Math.min(62, 12 + 9 * domain.levels());
                steps.add(new Invalidate(pageSelective(view, did, width + 0x1000L * page, 0), Flush.LINUX));
            }
            long address = block + ((0x1000L * page) & -(0x1000L << am));
            steps.add(new Invalidate(pageSelective(view, did, address, am), Flush.LINUX));
            return new Probe(purpose, steps);
        };
    }

    // ---------------------------------------------------------------- unaligned listener

    /**
     * A listener (MAP and UNMAP, or UNMAP only) registered on a translated device for a range whose ends are not
     * page boundaries (contract §7: any {@code first..last}, first not above last): one byte, a range ending on the
     * interrupt window's first byte or starting on its last, or any odd bytes; then a buffer of pages mapped across
     * the point its range starts or ends at, and unmapped: the listener is told exactly the bytes of its effective
     * range, as pieces down to one byte.
     */
    static Gen<Command> unalignedListener(GuestView view) {
        boolean map = view.capabilities().cachingMode();
        return tc -> {
            SourceId source = tc.draw(device(view));
            int did = domainOf(view, source);
            int kind = tc.draw(Gens.ints(0, 3));
            boolean unmapOnly = tc.draw(Draw.chance(0.4)) || !map;
            long page = tc.draw(Draw.aligned(0x1000, 0x8000_0000L));
            long firstByte = tc.draw(Gens.longs(1, 0xFFF));
            long lastByte = tc.draw(Gens.longs(0, 0xFFE));
            int span = tc.draw(Gens.ints(0, 16));
            int pages = tc.draw(Gens.ints(1, 8));
            int below = tc.draw(Gens.ints(0, 7));
            long target = tc.draw(Draw.aligned(0x1000, 0xC000_0000L));
            long first;
            long last;
            long point;
            switch (kind) {
                case 0:
                    first = page + firstByte;
                    last = first;
                    point = first;
                    break;
                case 1:
                    first = WINDOW - 0x1000L * span;
                    last = WINDOW;
                    point = WINDOW;
                    break;
                case 2:
                    first = Operation.INTERRUPT_WINDOW_LAST;
                    last = first + 0x1000L * span;
                    point = first;
                    break;
                default:
                    first = page + firstByte;
                    last = page + 0x1000L * span + lastByte;
                    point = tc.draw(Draw.chance(0.5)) ? first : last;
                    break;
            }
            long buffer = (point & ~0xFFFL) - 0x1000L * (below % pages);
            Set<ListenerFlag> flags = unmapOnly ? Set.of(ListenerFlag.UNMAP) : Set.of(ListenerFlag.MAP, ListenerFlag.UNMAP);
            List<Command> steps = new ArrayList<>();
            steps.add(new Listen(new ListenerSpec(view.nextListenerId(), source, first, Math.max(first, last), flags,
                    ListenerSpec.VFIO_BUDGET), true));
            steps.add(new MapRange(did, buffer, pages, PageSize.SIZE_4K, target, Permission.READ_WRITE, Flush.LINUX));
            steps.add(new UnmapRange(did, buffer, pages, PageSize.SIZE_4K, Flush.LINUX));
            return new Probe("unaligned-listener", steps);
        };
    }

    // ---------------------------------------------------------------- descending run

    /**
     * A driver mapping a scatter list in reverse: pages (4 KiB, or 2 MiB with superpages) mapped one by one, each
     * without its invalidation, whose targets descend by exactly their size, so adjacent leaves look like a run but
     * their outputs go down; then one page-selective invalidation over the buffer (a domain-selective one beyond
     * MAMV) and the buffer released: each leaf keeps its own translated address (contract §7.2).
     */
    static Gen<Command> descendingRun(GuestView view) {
        boolean superpages = view.capabilities().superpages();
        return tc -> {
            SourceId source = tc.draw(device(view));
            int did = domainOf(view, source);
            boolean large = tc.draw(Draw.chance(0.3)) && superpages;
            int pages = tc.draw(Gens.ints(2, 16));
            long iova4k = tc.draw(Draw.aligned(0x1_0000, 0x8000_0000L));
            long iova2m = tc.draw(Draw.aligned(0x200_0000, 0x8000_0000L));
            long top = tc.draw(Draw.aligned(0x200_0000, 0xC000_0000L));
            PageSize size = large ? PageSize.SIZE_2M : PageSize.SIZE_4K;
            long bytes = size.bytes();
            long iova = large ? iova2m : iova4k;
            long highest = top + 0x200_0000L;
            List<Command> steps = new ArrayList<>();
            listen(view, source, steps);
            for (int k = 0; k < pages; k++) {
                steps.add(new MapRange(did, iova + bytes * k, 1, size, highest - bytes * (k + 1),
                        Permission.READ_WRITE, Flush.FORGOTTEN));
            }
            steps.add(new Invalidate(overPages(view, did, iova, pages * bytes / 0x1000), Flush.LINUX));
            steps.add(new UnmapRange(did, iova, pages, size, Flush.LINUX));
            return new Probe("descending-run", steps);
        };
    }

    // ---------------------------------------------------------------- emptied tables

    static Gen<Command> emptiedTables(GuestView view) {
        return tc -> {
            SourceId source = tc.draw(device(view));
            int did = domainOf(view, source);
            int blocks = tc.draw(Gens.ints(9, 24));
            long base = tc.draw(Draw.aligned(0x20_0000, 0x8000_0000L));
            int offset = tc.draw(Gens.ints(0, 511));
            long target = tc.draw(Draw.aligned(0x1000, 0xC000_0000L));
            List<Command> steps = new ArrayList<>();
            int low = listen(view, source, steps);
            for (int k = 0; k < blocks; k++) {
                steps.add(new MapRange(did, base + 0x20_0000L * k + 0x1000L * offset, 1, PageSize.SIZE_4K,
                        target + 0x1000L * k, Permission.READ_WRITE, Flush.LINUX));
            }
            for (int k = 0; k < blocks; k++) {
                steps.add(new UnmapRange(did, base + 0x20_0000L * k + 0x1000L * offset, 1, PageSize.SIZE_4K,
                        Flush.LINUX));
            }
            steps.add(new ReplayListener(low));
            return new Probe("emptied-tables", steps);
        };
    }

    // ---------------------------------------------------------------- PASID-selective skip

    /**
     * A device under VFIO's listeners given RID_PASID p ≠ 0, its entry pointing at other tables, empty tables or
     * pass-through under its domain-id ({@link SwitchRidPasid}, every cache invalidated); the guest then rewrites
     * entry p (the domain's own tables, where a page was just mapped, or pass-through) and first sends the
     * PASID-selective PASID-cache invalidation of the domain for PASID 0 (§6.5.2.2), the one it sends for the
     * domain's devices on RID_PASID 0 (another device whose entry it changed in the same batch): it does not cover
     * the device on p, whose listeners keep the old entry (contract §9.10); then, sometimes, the domain-selective one
     * that covers it, and the device is put back. The device is one of a second-stage domain where there is one
     * (its listeners then hold the mapped page).
     */
    static Gen<Command> pasidSelectiveSkip(GuestView view) {
        List<SourceId> devices = ProbeGens.translated(view);
        List<SourceId> secondStage = devices.stream()
                .filter(d -> view.stage(view.attached().get(d)).equals("second-stage")).toList();
        return tc -> {
            SourceId source = tc.draw(Draw.pick(secondStage.isEmpty() ? devices : secondStage,
                    Universe.SOURCES.get(0)));
            int did = domainOf(view, source);
            int pasid = tc.draw(Gens.frequency(Gens.weighted(4, Gens.ints(1, 63)),
                    Gens.weighted(1, Gens.ints(64, SwitchRidPasid.TABLED_LAST))));
            SwitchRidPasid.Entry entry = tc.draw(Gens.elements(SwitchRidPasid.Entry.values()));
            int pick = tc.draw(Gens.ints(0, Universe.DOMAINS.size() - 2));
            boolean passThrough = tc.draw(Draw.chance(0.4));
            long iova = tc.draw(Gens.elements(ProbeGens.PROBE_IOVAS));
            long target = tc.draw(Draw.aligned(0x1000, 0xC000_0000L));
            boolean covered = tc.draw(Draw.chance(0.5));
            boolean flushedBack = tc.draw(Draw.usually(0.3));
            List<Integer> others = Universe.DOMAINS.stream().filter(d -> d != did).toList();
            int other = others.get(Math.min(pick, others.size() - 1));
            List<Command> steps = new ArrayList<>();
            listen(view, source, steps);
            steps.add(new MapRange(did, iova, 1, PageSize.SIZE_4K, target, Permission.READ_WRITE, Flush.LINUX));
            steps.add(new SwitchRidPasid(source, pasid, entry, other, true));
            // a pass-through entry p is moved to the domain's tables
            steps.add(new ChangeRidPasidEntry(source, pasid,
                    passThrough && entry != SwitchRidPasid.Entry.PASS_THROUGH));
            steps.add(new Invalidate(Invalidation.pasidCachePasid(did), Flush.LINUX));
            if (covered) {
                steps.add(new Invalidate(Invalidation.pasidCacheDomain(did), Flush.LINUX));
            }
            steps.add(SwitchRidPasid.back(source, flushedBack));
            return new Probe("pasid-selective-skip", steps);
        };
    }

    // ---------------------------------------------------------------- shared frames

    /** How a page's target frame follows the previous page's: the next frame, the same, one or two below, two above. */
    private static final long[] FRAME_STEPS = {1, 0, -1, -2, 2};

    /**
     * A guest mapping one frame at several nearby IOVAs (a zero page, a shared ring, bounce buffers) among frames
     * that do follow each other: 3 to 16 pages of 4 KiB mapped one by one at adjacent IOVAs, each without its
     * invalidation, each target drawn relative to the previous page's from {@link #FRAME_STEPS}; then one
     * page-selective invalidation over them (a domain-selective one beyond MAMV) and their release. A walk may
     * hand over adjacent leaves whose frames follow each other as one run (contract §7.2), and only those.
     */
    static Gen<Command> sharedFrames(GuestView view) {
        return tc -> {
            SourceId source = tc.draw(device(view));
            int did = domainOf(view, source);
            int pages = tc.draw(Gens.ints(3, 16));
            long iova = tc.draw(Draw.aligned(0x1_0000, 0x8000_0000L));
            long start = tc.draw(Draw.aligned(0x1000, 0xC000_0000L)) + 0x2_0000L;
            int[] frameSteps = new int[15];
            for (int k = 0; k < frameSteps.length; k++) {
                frameSteps[k] = tc.draw(Gens.ints(0, FRAME_STEPS.length - 1));
            }
            List<Command> steps = new ArrayList<>();
            listen(view, source, steps);
            long target = start;
            for (int k = 0; k < pages; k++) {
                if (k > 0) {
                    target += 0x1000L * FRAME_STEPS[frameSteps[k - 1]];
                }
                steps.add(new MapRange(did, iova + 0x1000L * k, 1, PageSize.SIZE_4K, target, Permission.READ_WRITE,
                        Flush.FORGOTTEN));
            }
            steps.add(new Invalidate(overPages(view, did, iova, pages), Flush.LINUX));
            steps.add(new UnmapRange(did, iova, pages, PageSize.SIZE_4K, Flush.LINUX));
            return new Probe("shared-frames", steps);
        };
    }

    // ---------------------------------------------------------------- aliased tables

    /** The 1 GiB regions the aliased-tables probe uses start here (256 GiB: high IOVAs, as Linux allocates them). */
    private static final long HIGH_REGIONS = 0x40_0000_0000L;

    /**
     * Cross-level aliasing, as an OS's recursive self-map makes it: pages of 4 KiB mapped in a 1 GiB region high in
     * the address space, targets above guest memory (a peer device's BAR); then the level-3 entry of another 1 GiB
     * region, not present, pointed at the pages' 4 KiB table (a copy of their level-2 entry), and a
     * domain-selective invalidation: a walk reads that table as a level-2 table there (its leaves point at no
     * table in memory: no leaf) and as a level-1 table where it belongs (the pages). In three cases of four the
     * alias lies below the pages, so a walk meets it first. Then, now and then, VFIO's high listener replayed; the
     * alias cleared with another invalidation, and the pages released. Contract §7.1: a listener is told the
     * leaves a walk of the tables as they are finds.
     */
    static Gen<Command> aliasedTables(GuestView view) {
        return tc -> {
            SourceId source = tc.draw(device(view));
            int did = domainOf(view, source);
            int region = tc.draw(Gens.ints(0, 253));
            int span = tc.draw(Gens.ints(1, 2));
            boolean below = tc.draw(Draw.chance(0.75));
            int block = tc.draw(Gens.ints(0, 511));
            int offset = tc.draw(Gens.ints(0, 511));
            int pages = tc.draw(Gens.ints(1, 16));
            long above = tc.draw(Draw.aligned(0x1000, 0x4000_0000L));
            boolean replay = tc.draw(Draw.chance(0.5));
            long low = HIGH_REGIONS + 0x4000_0000L * region;
            long high = low + 0x4000_0000L * span;
            long alias = below ? low : high;
            int count = Math.min(pages, 512 - offset);
            long iova = (below ? high : low) + 0x20_0000L * block + 0x1000L * offset;
            long target = view.capabilities().guestMemoryBytes() + above;
            Invalidation domain = domainWide(view, did);
            List<Command> steps = new ArrayList<>();
            int vfio = listen(view, source, steps);
            int vfioHigh = view.listeners().values().stream().filter(l -> l.source().equals(source) && l.isType1()
                    && l.first() == ListenVfio.HIGH_FIRST).mapToInt(ListenerSpec::id).findFirst().orElse(vfio + 1);
            steps.add(new MapRange(did, iova, count, PageSize.SIZE_4K, target, Permission.READ_WRITE, Flush.LINUX));
            steps.add(new AliasTable(did, alias, 3, iova, 2, true));
            steps.add(new Invalidate(domain, Flush.LINUX));
            if (replay) {
                steps.add(new ReplayListener(vfioHigh));
            }
            steps.add(new AliasTable(did, alias, 3, iova, 2, false));
            steps.add(new Invalidate(domain, Flush.LINUX));
            steps.add(new UnmapRange(did, iova, count, PageSize.SIZE_4K, Flush.LINUX));
            return new Probe("aliased-tables", steps);
        };
    }
}
