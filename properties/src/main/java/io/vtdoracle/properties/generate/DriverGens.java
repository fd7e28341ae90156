package io.vtdoracle.properties.generate;

import io.vtdoracle.api.Permission;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.check.Gen;
import io.vtdoracle.check.Gens;
import io.vtdoracle.guest.Encoding;
import io.vtdoracle.guest.PageSize;
import io.vtdoracle.properties.command.Attach;
import io.vtdoracle.properties.command.Command;
import io.vtdoracle.properties.command.Detach;
import io.vtdoracle.properties.command.DeviceTlbInvalidate;
import io.vtdoracle.properties.command.Flush;
import io.vtdoracle.properties.command.GuestView;
import io.vtdoracle.properties.command.Invalidate;
import io.vtdoracle.properties.command.Invalidation;
import io.vtdoracle.properties.command.MapRange;
import io.vtdoracle.properties.command.QueueWait;
import io.vtdoracle.properties.command.ReprogramRootTable;
import io.vtdoracle.properties.command.SetCompatibilityFormat;
import io.vtdoracle.properties.command.SetTranslation;
import io.vtdoracle.properties.command.UnmapRange;
import io.vtdoracle.properties.command.WriteIrte;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Generators of what a Linux guest driver does (with its mistakes at the profile's rate). */
final class DriverGens {

    private DriverGens() {
    }

    static Gen<Flush> flush(double mistakes) {
        return Gens.frequency(Gens.weighted(1 - mistakes, Gens.constant(Flush.LINUX)),
                Gens.weighted(mistakes * 0.75, Gens.constant(Flush.FORGOTTEN)),
                Gens.weighted(mistakes * 0.25, Gens.constant(Flush.WRONG_PATH)));
    }

    /**
     * A leaf size for domain {@code did}: large pages mostly where the unit supports them (second stage: SLLPS; first
     * stage: 2 MiB always, 1 GiB with FS1GP), now and then where it does not.
     */
    static Gen<PageSize> size(GuestView view, int did) {
        boolean firstStage = view.stage(did).equals("first-stage");
        boolean large = firstStage || view.capabilities().superpages();
        boolean huge = firstStage ? view.capabilities().scalableMode().firstStage1GiB()
                : view.capabilities().superpages();
        return Gens.frequency(Gens.weighted(5, Gens.constant(PageSize.SIZE_4K)),
                Gens.weighted(large ? 3 : 0.2, Gens.constant(PageSize.SIZE_2M)),
                Gens.weighted(huge ? 1.5 : 0.1, Gens.constant(PageSize.SIZE_1G)));
    }

    static Gen<Long> iova(GuestView view, int did, PageSize size) {
        long bytes = size.bytes();
        long top = 1L << view.capabilities().addressWidth();
        List<Long> named = size == PageSize.SIZE_4K ? Universe.IOVAS_4K
                : size == PageSize.SIZE_2M ? Universe.IOVAS_2M : Universe.IOVAS_1G;
        List<Long> neighbours = new ArrayList<>();
        for (Map.Entry<Long, PageSize> leaf : view.leaves(did).entrySet()) {
            neighbours.add((leaf.getKey() + leaf.getValue().bytes()) & ~(bytes - 1));
        }
        return Gens.frequency(Gens.weighted(3, Gens.elements(named)),
                Gens.weighted(neighbours.isEmpty() ? 0 : 2, Draw.pick(neighbours, 0L)),
                Gens.weighted(1.5, Draw.aligned(bytes, 0x1_0000_0000L)),
                Gens.weighted(0.5, Draw.aligned(bytes, top)));
    }

    static Gen<Command> map(GuestView view, double mistakes) {
        long top = 1L << view.capabilities().addressWidth();
        return tc -> {
            int did = tc.draw(Gens.elements(Universe.DOMAINS));
            PageSize size = tc.draw(size(view, did));
            long iova = tc.draw(iova(view, did, size));
            int count = tc.draw(Draw.mostly(Gens.constant(1), 0.4,
                    Gens.ints(2, size == PageSize.SIZE_4K ? 16 : 4)));
            while (count > 1 && iova + count * size.bytes() > top) {
                count--;
            }
            long target = tc.draw(Gens.frequency(Gens.weighted(4, Draw.aligned(size.bytes(), 0x1_0000_0000L)),
                    Gens.weighted(1.0, Gens.constant(0xFEE0_0000L & ~(size.bytes() - 1))),
                    Gens.weighted(1, Draw.aligned(size.bytes(), top))));
            Permission permission = tc.draw(Gens.frequency(Gens.weighted(5, Gens.constant(Permission.READ_WRITE)),
                    Gens.weighted(1, Gens.constant(Permission.READ)), Gens.weighted(1, Gens.constant(Permission.WRITE)),
                    Gens.weighted(0.2, Gens.constant(Permission.NONE))));
            return new MapRange(did, iova, count, size, target, permission, tc.draw(flush(mistakes)));
        };
    }

    static Gen<Command> unmap(GuestView view, double mistakes) {
        return tc -> {
            int did = tc.draw(Gens.elements(Universe.DOMAINS));
            List<Map.Entry<Long, PageSize>> leaves = new ArrayList<>(view.leaves(did).entrySet());
            Map.Entry<Long, PageSize> leaf = tc.draw(Draw.pick(leaves, Map.entry(0L, PageSize.SIZE_4K)));
            int count = tc.draw(Draw.mostly(Gens.constant(1), 0.3, Gens.ints(2, 8)));
            return new UnmapRange(did, leaf.getKey(), count, leaf.getValue(), tc.draw(flush(mistakes)));
        };
    }

    /**
     * Attaches a device to a domain; often a device with a MAP listener, moved to another domain than its own (a
     * domain switch with live listeners, contract §7.5).
     */
    static Gen<Command> attach(GuestView view, double mistakes) {
        boolean pt = view.capabilities().passThrough();
        List<SourceId> listened = new ArrayList<>();
        for (SourceId s : Universe.SOURCES) {
            if (view.hasMapListener(s)) {
                listened.add(s);
            }
        }
        return tc -> {
            SourceId source = tc.draw(Gens.frequency(Gens.weighted(1, Gens.elements(Universe.SOURCES)),
                    Gens.weighted(listened.isEmpty() ? 0 : 1.5, Draw.pick(listened, Universe.SOURCES.get(0)))));
            Integer current = view.attached().get(source);
            int step = tc.draw(Gens.ints(1, 2));
            int did = tc.draw(Gens.frequency(Gens.weighted(1, Gens.elements(Universe.DOMAINS)),
                    Gens.weighted(current == null ? 0 : 1, Gens.constant(current == null ? Universe.DOMAINS.get(0)
                            : Universe.DOMAINS.get((Universe.DOMAINS.indexOf(current) + step)
                                    % Universe.DOMAINS.size())))));
            return new Attach(source, did, pt && tc.draw(Draw.chance(view.scalable() ? 0.2 : 0.12)),
                    tc.draw(flush(mistakes)));
        };
    }

    static Gen<Command> detach(GuestView view, double mistakes) {
        List<SourceId> attached = new ArrayList<>(view.attached().keySet());
        return tc -> new Detach(tc.draw(Draw.pick(attached, Universe.SOURCES.get(0))), tc.draw(flush(mistakes)));
    }

    static Gen<Command> translation(GuestView view) {
        boolean on = view.translation();
        return Gens.frequency(Gens.weighted(on ? 0.3 : 3, Gens.constant(new SetTranslation(true))),
                Gens.weighted(on ? 1 : 0.2, Gens.constant(new SetTranslation(false))));
    }

    static Gen<Command> invalidate(GuestView view, double mistakes) {
        int mamv = view.capabilities().maxAddressMaskValue();
        Gen<Invalidation> invalidation = tc -> {
            int did = tc.draw(Draw.mostly(Gens.elements(Universe.DOMAINS), mistakes, Gens.elements(Universe.ANY_DOMAIN)));
            // scalable mode adds the PASID-cache and P_IOTLB granularities (256-bit descriptors only)
            int kind = tc.draw(Gens.ints(0, view.scalable() ? 10 : 5));
            switch (kind) {
                case 0:
                    return Invalidation.iotlbGlobal();
                case 1:
                    return Invalidation.iotlbDomain(did);
                case 2:
                    return Invalidation.contextGlobal();
                case 3:
                    return Invalidation.contextDomain(did);
                case 4:
                    return Invalidation.contextDevice(did, tc.draw(Gens.elements(Universe.SOURCES)),
                            tc.draw(Draw.mostly(Gens.constant(0), 0.5, Gens.ints(1, 3))));
                case 6:
                    return Invalidation.pasidCacheDomain(did);
                case 7:
                    return Invalidation.pasidCachePasid(did);
                case 8:
                    return Invalidation.pasidCacheGlobal();
                case 9:
                    return Invalidation.piotlbPasid(did);
                default:
                    List<Long> leaves = new ArrayList<>(view.leaves(did).keySet());
                    long address = tc.draw(Gens.frequency(Gens.weighted(2, Draw.pick(leaves, 0L)),
                            Gens.weighted(1, Gens.elements(Universe.IOVAS_4K))));
                    int am = tc.draw(Draw.mostly(Gens.ints(0, Math.min(mamv, 20)), mistakes, Gens.ints(0, 63)));
                    boolean hint = tc.draw(Draw.chance(0.3));
                    return kind == 5 ? Invalidation.iotlbPage(did, address, am, hint)
                            : Invalidation.piotlbPage(did, address, am, hint);
            }
        };
        return tc -> new Invalidate(tc.draw(invalidation),
                tc.draw(Draw.mostly(Gens.constant(Flush.LINUX), mistakes, Gens.constant(Flush.WRONG_PATH))));
    }

    /** The root table moved while running, flushed as the guest flushes (habit root-reprogramming). */
    static Gen<Command> reprogramRoot(double mistakes) {
        return flush(mistakes).map(ReprogramRootTable::new);
    }

    static Gen<Command> queueWait() {
        return tc -> new QueueWait(tc.draw(Draw.usually(0.3)), tc.draw(Draw.chance(0.4)), tc.draw(Gens.booleans()),
                tc.draw(Draw.usually(0.3)));
    }

    static Gen<Command> deviceTlb() {
        return tc -> new DeviceTlbInvalidate(tc.draw(Gens.elements(Universe.SOURCES)),
                tc.draw(Gens.elements(Universe.IOVAS_4K)) | tc.draw(Gens.longs(0, 0xFF)) << 12,
                tc.draw(Gens.booleans()));
    }

    static Gen<Command> compatibility(GuestView view) {
        boolean on = view.compatibilityFormat();
        return Gens.frequency(Gens.weighted(on ? 0.5 : 1, Gens.constant(new SetCompatibilityFormat(true))),
                Gens.weighted(on ? 1 : 0.3, Gens.constant(new SetCompatibilityFormat(false))));
    }

    /** An IRTE as Linux writes it (sometimes not present, sometimes with reserved bits or odd validation). */
    static Gen<Command> irte(GuestView view) {
        boolean extended = view.extendedInterrupts();
        int entries = 1 << (view.interruptTableSizeField() + 1);
        return tc -> {
            int index = tc.draw(Draw.mostly(Gens.ints(0, 7), 0.3, Gens.ints(0, entries - 1)));
            boolean present = tc.draw(Draw.usually(0.1));
            boolean fpd = tc.draw(Draw.chance(0.1));
            int destination = extended ? tc.draw(Gens.ints(0, Integer.MAX_VALUE))
                    : Encoding.xapicDestination(tc.draw(Gens.ints(0, 255)));
            long low = Encoding.irteLow(present, fpd, tc.draw(Gens.booleans()), tc.draw(Gens.booleans()),
                    tc.draw(Gens.booleans()), tc.draw(Gens.ints(0, 7)), tc.draw(Gens.ints(0x20, 0xFF)), destination);
            int svt = tc.draw(Gens.frequency(Gens.weighted(3, Gens.constant(0)), Gens.weighted(2, Gens.constant(1)),
                    Gens.weighted(1.5, Gens.constant(2)), Gens.weighted(0.3, Gens.constant(3))));
            SourceId sid = tc.draw(Gens.elements(Universe.SOURCES));
            int sidField = svt == 2 ? sid.bus() << 8 | (sid.bus() + tc.draw(Gens.ints(0, 2))) : sid.value();
            long high = Encoding.irteHigh(sidField, tc.draw(Gens.ints(0, 3)), svt);
            long lowJunk = tc.draw(Draw.mostly(Gens.constant(0L), 0.1, Draw.anyLong()));
            long highJunk = tc.draw(Draw.mostly(Gens.constant(0L), 0.05, Draw.anyLong()));
            return new WriteIrte(index, low | (lowJunk & 0xFF00_7000L), high | (highJunk & 0xFFFF_FFFF_FFF0_0000L));
        };
    }
}
