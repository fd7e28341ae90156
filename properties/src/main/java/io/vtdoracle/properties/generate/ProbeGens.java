package io.vtdoracle.properties.generate;

import io.vtdoracle.properties.command.PowerOn;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.check.Gen;
import io.vtdoracle.check.Gens;
import io.vtdoracle.guest.Domain;
import io.vtdoracle.guest.Encoding;
import io.vtdoracle.guest.PageSize;
import io.vtdoracle.properties.command.Attach;
import io.vtdoracle.properties.command.Command;
import io.vtdoracle.properties.command.Dma;
import io.vtdoracle.properties.command.Flush;
import io.vtdoracle.properties.command.GuestView;
import io.vtdoracle.properties.command.Invalidate;
import io.vtdoracle.properties.command.Interrupt;
import io.vtdoracle.properties.command.Invalidation;
import io.vtdoracle.properties.command.ListenVfio;
import io.vtdoracle.properties.command.MapRange;
import io.vtdoracle.properties.command.Probe;
import io.vtdoracle.properties.command.RawContext;
import io.vtdoracle.properties.command.RelocateRootTable;
import io.vtdoracle.properties.command.RootBits;
import io.vtdoracle.properties.command.SetPteBits;
import io.vtdoracle.properties.command.UnmapRange;
import io.vtdoracle.properties.command.WriteIrte;
import java.util.ArrayList;
import java.util.List;

/**
 * Generators of {@link Probe}s: short scenarios that end in the state a property must see, where independent moves
 * would line up only by chance. Every probe draws the same choices whatever the state (the state only decides
 * what a drawn index picks), so a probe keeps its meaning while the script around it shrinks.
 *
 * <ul>
 *   <li>stale: map a page (flushed), DMA to it (the IOTLB may cache it), change it without the matching
 *       invalidation (remap, unmap, drop the accessed right, reserved bits, or re-attach the device to another
 *       domain), DMA again — the implementation may answer from its cache (contract §3.1);</li>
 *   <li>fault: set up one DMA fault reason on a device's path, invalidate as Linux would (mostly), DMA — 7h (a
 *       table pointer below the top level beyond memory), Ch (reserved bits), Eh (output in the interrupt
 *       window), 3h/Bh (bad context), 9h/Ah (bad root entry), 8h (root table beyond memory) — then, mostly,
 *       repair the damage and invalidate again, so later moves and probes are not all stuck on it;</li>
 *   <li>interrupt: an IRTE for a device, then its interrupt through that entry (forwarded, 26h or 22h);</li>
 *   <li>split: VFIO's two listeners on a device, then mappings on both sides of the interrupt window changed by
 *       one invalidation, so one operation's events are split at the window;</li>
 *   <li>partial unmap: under VFIO's listeners, a buffer of several pages mapped in one go above another mapping,
 *       one page from its middle released, then the whole buffer, so a listener's update starts inside a run
 *       of pieces it holds;</li>
 *   <li>domain hops: under VFIO's listeners, a device moved through five domains, each move's context-cache
 *       invalidation forgotten, a page mapped in each new domain with Linux's invalidation, so a listener holds
 *       pieces found through five domain-ids; then attached back as Linux would;</li>
 *   <li>rights: a device reads a buffer mapped read-only (or writes one mapped write-only), so the IOTLB may
 *       cache the one-sided leaf, then by mistake makes the other access to the same leaf: 5h or 6h, cached or
 *       not.</li>
 * </ul>
 */
final class ProbeGens {

    /** 4 KiB IOVAs a DMA can reach (none in the interrupt window). */
    static final List<Long> PROBE_IOVAS = List.of(0x1000L, 0L, 0x1F_F000L, 0x20_0000L, 0x7FFF_F000L, 0xFEDF_F000L,
            0xFEF0_0000L, 0xFFFF_F000L, 0x1_0000_0000L);

    /** Bit 38 of a table pointer: moves it 256 GiB up, beyond guest memory, without touching reserved bits. */
    static final long BEYOND_MEMORY = 1L << 38;

    private ProbeGens() {
    }

    /** The devices attached to a domain with translation (not pass-through): where probes aim. */
    static List<SourceId> translated(GuestView view) {
        List<SourceId> out = new ArrayList<>();
        view.attached().keySet().forEach(s -> {
            if (!view.isPassThrough(s)) {
                out.add(s);
            }
        });
        return out;
    }

    private static Gen<SourceId> device(GuestView view) {
        return Draw.pick(translated(view), Universe.SOURCES.get(0));
    }

    private static int domainOf(GuestView view, SourceId source) {
        Integer did = view.attached().get(source);
        return did == null ? Universe.DOMAINS.get(0) : did;
    }

    /** An IOVA aligned to {@code size}: one of the domain's leaves, a named one, or any below 4 GiB. */
    private static Gen<Long> iova(GuestView view, int did, PageSize size) {
        List<Long> leaves = new ArrayList<>(view.leaves(did).keySet());
        long mask = ~(size.bytes() - 1);
        return Gens.frequency(Gens.weighted(1, Gens.elements(PROBE_IOVAS)),
                Gens.weighted(leaves.isEmpty() ? 0 : 1, Draw.pick(leaves, 0L)),
                Gens.weighted(1, Draw.aligned(0x1000, 0xFE00_0000L)))
                .map(a -> Operation.inInterruptWindow(a & mask) ? 0 : a & mask);
    }

    /** A target below the interrupt window, aligned to {@code size}. */
    private static Gen<Long> target(PageSize size) {
        return Draw.aligned(size.bytes(), 0xC000_0000L);
    }

    private static Gen<Access> access() {
        return Gens.elements(Access.READ, Access.WRITE);
    }

    /** An offset into a leaf of {@code size}, dword aligned, mostly small. */
    private static Gen<Long> offset(PageSize size) {
        return Draw.mostly(Gens.longs(0, 0x3FF).map(o -> o << 2), 0.3,
                Gens.longs(0, size.bytes() / 4 - 1).map(o -> o << 2));
    }

    // ---------------------------------------------------------------- stale

    static Gen<Command> stale(GuestView view) {
        return tc -> {
            SourceId source = tc.draw(device(view));
            int did = domainOf(view, source);
            PageSize size = tc.draw(DriverGens.size(view, did));
            long iova = tc.draw(iova(view, did, size));
            long target = tc.draw(target(size));
            long address = iova + tc.draw(offset(size));
            Access access = tc.draw(access());
            int change = tc.draw(Gens.frequency(Gens.weighted(3, Gens.constant(0)), Gens.weighted(2, Gens.constant(1)),
                    Gens.weighted(2, Gens.constant(2)), Gens.weighted(1, Gens.constant(3)),
                    Gens.weighted(1.5, Gens.constant(4))));
            long moved = target + size.bytes() * (1 + tc.draw(Gens.longs(0, 15)));
            int other = Universe.DOMAINS.get((Universe.DOMAINS.indexOf(did) + 1 + tc.draw(Gens.ints(0, 1)))
                    % Universe.DOMAINS.size());
            Dma dma = new Dma(source, address, access);
            Command without;
            switch (change) {
                case 0:
                    without = new MapRange(did, iova, 1, size, moved, Permission.READ_WRITE, Flush.FORGOTTEN);
                    break;
                case 1:
                    without = new UnmapRange(did, iova, 1, size, Flush.FORGOTTEN);
                    break;
                case 2:
                    without = new MapRange(did, iova, 1, size, target,
                            access == Access.READ ? Permission.WRITE : Permission.READ, Flush.FORGOTTEN);
                    break;
                case 3:
                    without = new SetPteBits(did, iova, size.level(), 1L << 62, true);
                    break;
                default:
                    without = new Attach(source, other, false, Flush.FORGOTTEN);
                    break;
            }
            return new Probe("stale", List.of(
                    new MapRange(did, iova, 1, size, target, Permission.READ_WRITE, Flush.LINUX), dma, without, dma));
        };
    }

    // ---------------------------------------------------------------- fault

    static Gen<Command> fault(GuestView view) {
        return tc -> {
            SourceId source = tc.draw(device(view));
            int did = domainOf(view, source);
            Domain domain = view.domains().get(did);
            int aw = view.capabilities().addressWidth();
            int levels = aw == 39 ? 3 : 4;
            long table = domain == null ? 0 : domain.table();
            long iova = tc.draw(iova(view, did, PageSize.SIZE_4K));
            long address = iova + tc.draw(offset(PageSize.SIZE_4K));
            Access access = tc.draw(access());
            boolean forget = tc.draw(Draw.chance(0.1));
            boolean repair = tc.draw(Draw.usually(0.25));
            long outside = AdversarialGens.OUTSIDE_MEMORY + tc.draw(Draw.aligned(0x1000, 0x40_0000_0000L));
            long target = tc.draw(target(PageSize.SIZE_4K));
            int kind = tc.draw(Gens.frequency(Gens.weighted(3, Gens.constant(0)), Gens.weighted(3, Gens.constant(1)),
                    Gens.weighted(2.5, Gens.constant(2)), Gens.weighted(2, Gens.constant(3)),
                    Gens.weighted(2, Gens.constant(4)), Gens.weighted(0.7, Gens.constant(5))));
            int level = tc.draw(Gens.ints(0, 3));
            int variant = tc.draw(Gens.ints(0, 3));
            // FPD (context bit 1) on a bad context entry: it must not hide the faults it does not qualify (§7.1.3)
            long fpd = tc.draw(Draw.chance(0.3)) ? 2 : 0;
            Dma dma = new Dma(source, address, access);
            MapRange map = new MapRange(did, iova, 1, PageSize.SIZE_4K, target, Permission.READ_WRITE, Flush.LINUX);
            Invalidate psi = new Invalidate(Invalidation.iotlbPage(did, iova, 0), Flush.LINUX);
            Invalidate contexts = new Invalidate(Invalidation.contextGlobal(), Flush.LINUX);
            List<Command> steps = new ArrayList<>();
            List<Command> undo = new ArrayList<>();
            String purpose;
            switch (kind) {
                case 0: {
                    purpose = "7h";
                    int at = 2 + level % (levels - 1);
                    steps.add(map);
                    steps.add(new SetPteBits(did, iova, at, BEYOND_MEMORY, true));
                    steps.add(psi);
                    undo.add(new SetPteBits(did, iova, at, BEYOND_MEMORY, false));
                    undo.add(psi);
                    break;
                }
                case 1: {
                    purpose = "Ch";
                    int at = 1 + level % levels;
                    long[] reserved = {1L << 11, 1L << 62, 1L << Math.min(aw, 51), 1L << 51};
                    // PS (bit 7) on an entry above level 1 (§9.8): reserved at level 4, and at levels 2 and 3
                    // without superpage support; with it, the entry becomes a superpage whose address bits 20:12
                    // (29:12) are those of the 4 KiB table it pointed to, reserved unless that table is aligned.
                    long bits = at >= 2 && variant == 3 ? 1L << 7 : reserved[variant];
                    steps.add(map);
                    steps.add(new SetPteBits(did, iova, at, bits, true));
                    steps.add(psi);
                    undo.add(new SetPteBits(did, iova, at, bits, false));
                    undo.add(psi);
                    break;
                }
                case 2:
                    purpose = "Eh";
                    steps.add(new MapRange(did, iova, 1, PageSize.SIZE_4K, 0xFEE0_0000L + ((long) level << 12),
                            Permission.READ_WRITE, Flush.LINUX));
                    undo.add(map);
                    break;
                case 3: {
                    purpose = "context";
                    long high = (long) did << 8 | (levels - 2);
                    long[][] entries = {
                        {table | 1, (high & ~7L) | (variant == 0 ? 0 : 4 + variant)},
                        {table | 1 | 3L << 2, high},
                        {table | 1 | 1L << (4 + level), high},
                        {table | 1, high | 1L << (variant == 0 ? 7 : 24 + 8 * variant)},
                        {outside | 1, high}};
                    long[] entry = entries[(level + variant) % entries.length];
                    steps.add(new RawContext(source, entry[0] | fpd, entry[1], Flush.LINUX));
                    undo.add(new Attach(source, did, false, Flush.LINUX));
                    break;
                }
                case 4: {
                    purpose = "root";
                    long bits = variant < 2 ? BEYOND_MEMORY : variant == 2 ? 1L << (1 + level) : 1L << aw;
                    steps.add(new RootBits(source.bus(), bits, true));
                    steps.add(contexts);
                    undo.add(new RootBits(source.bus(), bits, false));
                    undo.add(contexts);
                    break;
                }
                default:
                    purpose = "8h";
                    steps.add(new RelocateRootTable(outside));
                    steps.add(contexts);
                    undo.add(new RelocateRootTable(view.rootTable()));
                    undo.add(contexts);
                    undo.add(new Invalidate(Invalidation.iotlbGlobal(), Flush.LINUX));
                    break;
            }
            if (forget) {
                steps.removeIf(step -> step instanceof Invalidate);
            }
            steps.add(dma);
            if (repair) {
                steps.addAll(undo);
            }
            return new Probe(purpose, steps);
        };
    }

    // ---------------------------------------------------------------- interrupt

    /**
     * An IRTE written for a device, then an interrupt of that device through it: forwarded (no validation, or the
     * requester id validated), or refused by source validation (26h: another requester id, a bus range without
     * the device's bus) or a not-present entry (22h).
     */
    static Gen<Command> interrupt(GuestView view) {
        boolean extended = view.extendedInterrupts();
        return tc -> {
            SourceId source = tc.draw(Gens.elements(Universe.SOURCES));
            int index = tc.draw(Gens.ints(0, 7));
            int vector = tc.draw(Gens.ints(0x20, 0xFF));
            int apic = tc.draw(Gens.ints(0, 255));
            int data = tc.draw(Gens.ints(0, 0xFFFF));
            int kind = tc.draw(Gens.frequency(Gens.weighted(2, Gens.constant(0)), Gens.weighted(2, Gens.constant(1)),
                    Gens.weighted(1.5, Gens.constant(2)), Gens.weighted(1, Gens.constant(3)),
                    Gens.weighted(0.5, Gens.constant(4))));
            SourceId other = Universe.SOURCES.get((Universe.SOURCES.indexOf(source) + 1 + tc.draw(Gens.ints(0, 4)))
                    % Universe.SOURCES.size());
            int destination = extended ? apic : Encoding.xapicDestination(apic);
            long low = Encoding.irteLow(kind != 4, false, false, false, false, 0, vector, destination);
            int bus = source.bus();
            long high;
            switch (kind) {
                case 0:
                case 4:
                    high = Encoding.irteHigh(0, 0, 0);
                    break;
                case 1:
                    high = Encoding.irteHigh(source.value(), 0, Encoding.SVT_REQUESTER_ID);
                    break;
                case 2:
                    high = other.value() == source.value() ? Encoding.irteHigh(0, 0, 3)
                            : Encoding.irteHigh(other.value(), 0, Encoding.SVT_REQUESTER_ID);
                    break;
                default:
                    high = Encoding.irteHigh((bus + 1) << 8 | (bus + 2), 0, Encoding.SVT_BUS_RANGE);
                    break;
            }
            String purpose = kind <= 1 ? "irq-forwarded" : kind == 4 ? "22h" : "26h";
            // Now and then the interrupt names the first index past the table's end instead (21h, §5.1.4).
            int entries = 1 << (PowerOn.IRT_SIZE_FIELD + 1);
            int target = tc.draw(Draw.usually(0.1)) ? entries + tc.draw(Gens.ints(0, 1)) : index;
            return new Probe(target == index ? purpose : "21h", List.of(new WriteIrte(index, low, high),
                    new Interrupt(source, Encoding.remappableAddress(target, false), data)));
        };
    }

    // ---------------------------------------------------------------- split

    static Gen<Command> split(GuestView view) {
        return tc -> {
            SourceId source = tc.draw(device(view));
            int did = domainOf(view, source);
            long target = tc.draw(target(PageSize.SIZE_1G));
            boolean superpage = tc.draw(Gens.frequency(
                    Gens.weighted(view.capabilities().superpages() ? 2 : 0, Gens.constant(true)),
                    Gens.weighted(1, Gens.constant(false))));
            List<Command> steps = new ArrayList<>();
            boolean vfio = view.listeners().values().stream().anyMatch(l -> l.source().equals(source)
                    && l.isType1() && l.first() == 0 && l.last() == ListenVfio.LOW_LAST);
            if (!vfio) {
                steps.add(new ListenVfio(view.nextListenerId(), source));
            }
            if (superpage) {
                steps.add(new MapRange(did, 0xC000_0000L, 1, PageSize.SIZE_1G, target, Permission.READ_WRITE,
                        Flush.LINUX));
            } else {
                steps.add(new MapRange(did, 0xFEDF_F000L, 1, PageSize.SIZE_4K, target, Permission.READ_WRITE,
                        Flush.FORGOTTEN));
                steps.add(new MapRange(did, 0xFEF0_0000L, 1, PageSize.SIZE_4K, target + 0x1000,
                        Permission.READ_WRITE, Flush.FORGOTTEN));
                steps.add(new Invalidate(Invalidation.iotlbDomain(did), Flush.LINUX));
            }
            return new Probe("split", steps);
        };
    }

    // ---------------------------------------------------------------- rights

    /**
     * A driver maps a buffer for one direction only, as Linux does for DMA_TO_DEVICE (read-only) or DMA_FROM_DEVICE
     * (write-only), with the invalidation it makes; the device makes the granted access (the IOTLB may cache the
     * leaf and its rights), then by mistake the other one at another offset of the same leaf. A leaf taken from
     * the IOTLB is checked for the access like a fresh one (§7.1.3, contract §3.1: 5h or 6h). Sometimes the
     * buffer was mapped read-write and used both ways first, and the one-sided mapping replaces it: the cached
     * read-write leaf must not outlive the invalidation of the remap.
     */
    static Gen<Command> rights(GuestView view) {
        return tc -> {
            SourceId source = tc.draw(device(view));
            int did = domainOf(view, source);
            PageSize size = tc.draw(DriverGens.size(view, did));
            long iova = tc.draw(iova(view, did, size));
            long target = tc.draw(target(size));
            Access granted = tc.draw(access());
            long first = iova + tc.draw(offset(size));
            long second = iova + tc.draw(offset(size));
            boolean reused = tc.draw(Draw.chance(0.3));
            Access other = granted == Access.READ ? Access.WRITE : Access.READ;
            Permission oneSided = granted == Access.READ ? Permission.READ : Permission.WRITE;
            List<Command> steps = new ArrayList<>();
            if (reused) {
                steps.add(new MapRange(did, iova, 1, size, target, Permission.READ_WRITE, Flush.LINUX));
                steps.add(new Dma(source, second, other));
            }
            steps.add(new MapRange(did, iova, 1, size, target, oneSided, Flush.LINUX));
            steps.add(new Dma(source, first, granted));
            steps.add(new Dma(source, second, other));
            return new Probe("rights", steps);
        };
    }

    // ---------------------------------------------------------------- partial unmap

    /**
     * VFIO's listeners on a device (registered if missing); the driver maps one page, and above it (past a hole) a
     * buffer of 3 to 16 pages in one go; it releases one page from the buffer's middle, then the whole buffer, each
     * with Linux's invalidation. The listener's update for the middle page starts inside the run of pieces the
     * buffer left in its shadow, and the next one meets what that update kept (contract §7.3).
     */
    static Gen<Command> partialUnmap(GuestView view) {
        return tc -> {
            SourceId source = tc.draw(device(view));
            int did = domainOf(view, source);
            long below = tc.draw(Draw.aligned(0x1000, 0x8000_0000L));
            int pages = tc.draw(Gens.ints(3, 16));
            int middle = tc.draw(Gens.ints(1, pages - 2));
            long buffer = below + 0x1000 * (2 + tc.draw(Gens.longs(0, 15)));
            long target = tc.draw(target(PageSize.SIZE_4K));
            long other = tc.draw(target(PageSize.SIZE_4K));
            List<Command> steps = new ArrayList<>();
            boolean vfio = view.listeners().values().stream().anyMatch(l -> l.source().equals(source)
                    && l.isType1() && l.first() == 0 && l.last() == ListenVfio.LOW_LAST);
            if (!vfio) {
                steps.add(new ListenVfio(view.nextListenerId(), source));
            }
            steps.add(new MapRange(did, below, 1, PageSize.SIZE_4K, other, Permission.READ_WRITE, Flush.LINUX));
            steps.add(new MapRange(did, buffer, pages, PageSize.SIZE_4K, target, Permission.READ_WRITE,
                    Flush.LINUX));
            steps.add(new UnmapRange(did, buffer + 0x1000L * middle, 1, PageSize.SIZE_4K, Flush.LINUX));
            steps.add(new UnmapRange(did, buffer, pages, PageSize.SIZE_4K, Flush.LINUX));
            return new Probe("partial-unmap", steps);
        };
    }

    // ---------------------------------------------------------------- domain hops

    /** Domain-ids a hopping device moves through: the guest's three and two more. */
    static final List<Integer> HOP_DOMAINS = List.of(1, 2, 3, 4, 5);

    /**
     * VFIO's listeners on a device (registered if missing); the driver moves the device to each of five domains
     * in turn forgetting the context-cache invalidation, and maps a page in each with Linux's page-selective
     * invalidation, which brings the listener up to date over that page through the new domain-id (contract
     * §7.3) while its other pieces keep theirs; finally the device goes back to its domain as Linux would.
     */
    static Gen<Command> domainHops(GuestView view) {
        return tc -> {
            SourceId source = tc.draw(device(view));
            int home = domainOf(view, source);
            int first = tc.draw(Gens.ints(0, HOP_DOMAINS.size() - 1));
            long iova = tc.draw(Draw.aligned(0x1000, 0x8000_0000L));
            long target = tc.draw(target(PageSize.SIZE_4K));
            List<Command> steps = new ArrayList<>();
            boolean vfio = view.listeners().values().stream().anyMatch(l -> l.source().equals(source)
                    && l.isType1() && l.first() == 0 && l.last() == ListenVfio.LOW_LAST);
            if (!vfio) {
                steps.add(new ListenVfio(view.nextListenerId(), source));
            }
            for (int k = 0; k < HOP_DOMAINS.size(); k++) {
                int did = HOP_DOMAINS.get((first + k) % HOP_DOMAINS.size());
                steps.add(new Attach(source, did, false, Flush.FORGOTTEN));
                steps.add(new MapRange(did, iova + 0x2000L * k, 1, PageSize.SIZE_4K, target + 0x1000L * k,
                        Permission.READ_WRITE, Flush.LINUX));
            }
            steps.add(new Attach(source, home, false, Flush.LINUX));
            return new Probe("domain-hops", steps);
        };
    }
}
