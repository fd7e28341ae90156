package io.vtdoracle.properties.generate;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.check.Gen;
import io.vtdoracle.check.Gens;
import io.vtdoracle.guest.Encoding;
import io.vtdoracle.guest.PageSize;
import io.vtdoracle.properties.command.Attach;
import io.vtdoracle.properties.command.Command;
import io.vtdoracle.properties.command.Detach;
import io.vtdoracle.properties.command.Dma;
import io.vtdoracle.properties.command.Flush;
import io.vtdoracle.properties.command.GuestView;
import io.vtdoracle.properties.command.Interrupt;
import io.vtdoracle.properties.command.Invalidate;
import io.vtdoracle.properties.command.Invalidation;
import io.vtdoracle.properties.command.MapRange;
import io.vtdoracle.properties.command.Probe;
import io.vtdoracle.properties.command.UnmapRange;
import io.vtdoracle.properties.command.WriteIrte;
import java.util.ArrayList;
import java.util.List;

/**
 * Probes across the device space, where a cache or a check keyed by too little of a source-id goes wrong. Like
 * {@link ProbeGens}, every probe draws the same choices whatever the state.
 *
 * <ul>
 *   <li>twins: the same device and function on two buses, in two domains mapping one IOVA to different pages,
 *       each making requests in turn (a context cache keyed by devfn alone mixes them up);</li>
 *   <li>siblings: two devices of one domain; one makes a request, the mapping changes (flushed as the guest
 *       flushes, or now and then not), the other makes one (the IOTLB is tagged by domain, not device);</li>
 *   <li>function mask: a device makes a request, moves to another domain, then a device-selective context-cache
 *       invalidation names a SID differing in some function bits with a function mask FM 0-3 (covering the
 *       device or not, §10.4.7) and the new domain's IOTLB is invalidated, as Linux does after an attach; then
 *       the device makes the request again (the old domain's IOTLB entry must not answer for the new one);</li>
 *   <li>source-id: an IRTE validating the requester (SVT 1 with each SQ, SVT 2 with a bus range over several
 *       buses, §9.10), then an interrupt from the SID, a function or bus neighbour, or a bus in or beside the
 *       range.</li>
 *   <li>half boundary: devices on both sides of the boundary of a scalable-mode root entry's halves (§9.2) on
 *       one bus, devfn 127 or 0 below, 128 or 255 above, attached to two domains mapping one IOVA to different
 *       pages (or one attached, the other not), each making requests, then a context-cache invalidation and the
 *       requests again (a lookup that takes a device of one half for one of the other gives the other's translation
 *       or fault).</li>
 * </ul>
 */
final class DeviceSpaceGens {

    /** Requesters differing from a device in one part of its source-id: none, function bit 0, 1 or 2, the bus. */
    private static final int[] FLIPS = {0, 1, 2, 4, 0x100};

    private DeviceSpaceGens() {
    }

    /** Pairs of devices with the same device and function numbers on different buses. */
    static List<SourceId[]> twins() {
        List<SourceId[]> pairs = new ArrayList<>();
        for (SourceId a : Universe.SOURCES) {
            for (SourceId b : Universe.SOURCES) {
                if (a.devfn() == b.devfn() && a.bus() != b.bus()) {
                    pairs.add(new SourceId[] {a, b});
                }
            }
        }
        return pairs;
    }

    private static Gen<Long> iova() {
        return Gens.elements(ProbeGens.PROBE_IOVAS);
    }

    private static Gen<Long> target() {
        return Draw.aligned(0x1000, 0xC000_0000L);
    }

    private static Gen<Integer> otherDomain(int did) {
        return Gens.ints(1, Universe.DOMAINS.size() - 1)
                .map(k -> Universe.DOMAINS.get((Universe.DOMAINS.indexOf(did) + k) % Universe.DOMAINS.size()));
    }

    /** Two domains mapping one IOVA to different pages, and the access two devices then make there. */
    private record TwoDomains(int first, int second, long iova, long target, long other, Access access) {

        /** The page mapped in each domain. */
        List<Command> maps() {
            return List.of(
                    new MapRange(first, iova, 1, PageSize.SIZE_4K, target, Permission.READ_WRITE, Flush.LINUX),
                    new MapRange(second, iova, 1, PageSize.SIZE_4K, other, Permission.READ_WRITE, Flush.LINUX));
        }
    }

    private static Gen<TwoDomains> twoDomains() {
        return tc -> {
            int first = tc.draw(Gens.elements(Universe.DOMAINS));
            int second = tc.draw(otherDomain(first));
            long iova = tc.draw(iova());
            long target = tc.draw(target());
            long other = target + 0x1000 * (1 + tc.draw(Gens.longs(0, 15)));
            Access access = tc.draw(Gens.elements(Access.READ, Access.WRITE));
            return new TwoDomains(first, second, iova, target, other, access);
        };
    }

    static Gen<Command> twin() {
        List<SourceId[]> pairs = twins();
        return tc -> {
            SourceId[] pair = tc.draw(Gens.elements(pairs));
            TwoDomains two = tc.draw(twoDomains());
            Dma a = new Dma(pair[0], two.iova(), two.access());
            Dma b = new Dma(pair[1], two.iova(), two.access());
            List<Command> steps = new ArrayList<>(List.of(new Attach(pair[0], two.first(), false, Flush.LINUX),
                    new Attach(pair[1], two.second(), false, Flush.LINUX)));
            steps.addAll(two.maps());
            steps.addAll(List.of(a, b, a));
            return new Probe("twins", steps);
        };
    }

    static Gen<Command> sibling() {
        return tc -> {
            SourceId a = tc.draw(Gens.elements(Universe.SOURCES));
            SourceId b = Universe.SOURCES.get((Universe.SOURCES.indexOf(a) + 1
                    + tc.draw(Gens.ints(0, Universe.SOURCES.size() - 2))) % Universe.SOURCES.size());
            int did = tc.draw(Gens.elements(Universe.DOMAINS));
            long iova = tc.draw(iova());
            long target = tc.draw(target());
            long moved = target + 0x1000 * (1 + tc.draw(Gens.longs(0, 15)));
            Access access = tc.draw(Gens.elements(Access.READ, Access.WRITE));
            Flush flush = tc.draw(Draw.mostly(Gens.constant(Flush.LINUX), 0.2, Gens.constant(Flush.FORGOTTEN)));
            Command change = tc.draw(Gens.frequency(
                    Gens.weighted(3, Gens.constant(
                            new MapRange(did, iova, 1, PageSize.SIZE_4K, moved, Permission.READ_WRITE, flush))),
                    Gens.weighted(1, Gens.constant(new UnmapRange(did, iova, 1, PageSize.SIZE_4K, flush))),
                    Gens.weighted(1, Gens.constant(new MapRange(did, iova, 1, PageSize.SIZE_4K, target,
                            access == Access.READ ? Permission.WRITE : Permission.READ, flush)))));
            return new Probe("siblings", List.of(new Attach(a, did, false, Flush.LINUX),
                    new Attach(b, did, false, Flush.LINUX),
                    new MapRange(did, iova, 1, PageSize.SIZE_4K, target, Permission.READ_WRITE, Flush.LINUX),
                    new Dma(b, iova, access), change, new Dma(a, iova, access)));
        };
    }

    static Gen<Command> functionMask() {
        return tc -> {
            SourceId device = tc.draw(Gens.elements(Universe.SOURCES));
            int did = tc.draw(Gens.elements(Universe.DOMAINS));
            int other = tc.draw(otherDomain(did));
            long iova = tc.draw(iova());
            long target = tc.draw(target());
            long moved = target + 0x1000 * (1 + tc.draw(Gens.longs(0, 15)));
            int flip = FLIPS[tc.draw(Gens.ints(0, 3))];
            int fm = tc.draw(Gens.ints(0, 3));
            Access access = tc.draw(Gens.elements(Access.READ, Access.WRITE));
            SourceId named = SourceId.of(device.bus(), device.device(), device.function() ^ flip);
            Dma dma = new Dma(device, iova, access);
            return new Probe("function-mask", List.of(new Attach(device, did, false, Flush.LINUX),
                    new MapRange(did, iova, 1, PageSize.SIZE_4K, target, Permission.READ_WRITE, Flush.LINUX), dma,
                    new MapRange(other, iova, 1, PageSize.SIZE_4K, moved, Permission.READ_WRITE, Flush.LINUX),
                    new Attach(device, other, false, Flush.FORGOTTEN),
                    new Invalidate(Invalidation.contextDevice(did, named, fm), Flush.LINUX),
                    new Invalidate(Invalidation.iotlbDomain(other), Flush.LINUX), dma));
        };
    }

    /**
     * The half-boundary probe: a device of the lower half of bus 0's root entry (devfn 127 or 0) and one of the
     * upper half (devfn 128 mostly, or 255), in two domains mapping one IOVA to different pages; both attached, or
     * only the upper one or only the lower one (the other detached if it was attached); then DMA from each, a
     * context-cache invalidation (global, or device-selective for the upper device, as a guest does after changing
     * a context entry, §6.5.3.3) and DMA from each again. In legacy mode the root entry has one context table for
     * every devfn: the same requests, cheaply.
     */
    static Gen<Command> halfBoundary(GuestView view) {
        List<SourceId> lower = Universe.HALF_BOUNDARY.subList(0, 2);
        return tc -> {
            SourceId low = tc.draw(Gens.elements(lower));
            SourceId high = tc.draw(Draw.mostly(Gens.constant(Universe.HALF_BOUNDARY.get(2)), 0.25,
                    Gens.constant(Universe.HALF_BOUNDARY.get(3))));
            int attached = tc.draw(Gens.ints(0, 2)); // 0: both, 1: the upper device only, 2: the lower one only
            TwoDomains two = tc.draw(twoDomains());
            boolean global = tc.draw(Draw.chance(0.5));
            List<Command> steps = new ArrayList<>();
            attachOrDetach(steps, view, low, two.first(), attached != 1);
            attachOrDetach(steps, view, high, two.second(), attached != 2);
            steps.addAll(two.maps());
            Dma a = new Dma(low, two.iova(), two.access());
            Dma b = new Dma(high, two.iova(), two.access());
            steps.addAll(List.of(a, b, new Invalidate(global ? Invalidation.contextGlobal()
                    : Invalidation.contextDevice(two.second(), high), Flush.LINUX), b, a));
            return new Probe("half-boundary", steps);
        };
    }

    /** Adds {@code device}'s attach to {@code did} or, if not {@code attach}, its detach if it is attached. */
    private static void attachOrDetach(List<Command> steps, GuestView view, SourceId device, int did,
                                       boolean attach) {
        if (attach) {
            steps.add(new Attach(device, did, false, Flush.LINUX));
        } else if (view.attached().containsKey(device)) {
            steps.add(new Detach(device, Flush.LINUX));
        }
    }

    static Gen<Command> sourceId(GuestView view) {
        boolean extended = view.extendedInterrupts();
        return tc -> {
            SourceId device = tc.draw(Gens.elements(Universe.SOURCES));
            int index = tc.draw(Gens.ints(0, 7));
            int vector = tc.draw(Gens.ints(0x20, 0xFF));
            int apic = tc.draw(Gens.ints(0, 255));
            boolean busRange = tc.draw(Draw.chance(0.4));
            int sq = tc.draw(Gens.ints(0, 3));
            int below = tc.draw(Gens.ints(0, 1));
            int above = tc.draw(Gens.ints(1, 2));
            int flip = FLIPS[tc.draw(Gens.ints(0, FLIPS.length - 1))];
            int step = tc.draw(Gens.ints(-1, 1));
            int destination = extended ? apic : Encoding.xapicDestination(apic);
            long low = Encoding.irteLow(true, false, false, false, false, 0, vector, destination);
            long high;
            SourceId requester;
            if (busRange) {
                int start = Math.max(0, device.bus() - below);
                int end = device.bus() + above;
                high = Encoding.irteHigh(start << 8 | end, 0, Encoding.SVT_BUS_RANGE);
                // a bus inside the range, or just beside it (step -1 below the start, +1 past the end)
                int bus = step < 0 ? start - 1 : step > 0 ? end + 1 : device.bus() + (above - below) / 2;
                requester = SourceId.of(Math.max(0, Math.min(255, bus)), device.device(), device.function());
            } else {
                high = Encoding.irteHigh(device.value(), sq, Encoding.SVT_REQUESTER_ID);
                requester = SourceId.of(flip == 0x100 ? (device.bus() + 1) & 0xFF : device.bus(), device.device(),
                        flip == 0x100 ? device.function() : device.function() ^ flip);
            }
            return new Probe("source-id", List.of(new WriteIrte(index, low, high),
                    new Interrupt(requester, Encoding.remappableAddress(index, false), tc.draw(Gens.ints(0, 0xFFFF)))));
        };
    }
}
