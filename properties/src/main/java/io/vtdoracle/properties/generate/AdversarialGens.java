package io.vtdoracle.properties.generate;

import io.vtdoracle.properties.command.Probe;

import io.vtdoracle.guest.Encoding;

import io.vtdoracle.api.SourceId;
import io.vtdoracle.check.Gen;
import io.vtdoracle.check.Gens;
import io.vtdoracle.guest.Domain;
import io.vtdoracle.properties.command.Command;
import io.vtdoracle.properties.command.CorruptPte;
import io.vtdoracle.properties.command.CorruptRoot;
import io.vtdoracle.properties.command.GarbageDescriptor;
import io.vtdoracle.properties.command.GuestView;
import io.vtdoracle.properties.command.RawContext;
import io.vtdoracle.properties.command.RawMemoryWrite;
import io.vtdoracle.properties.command.RawRegisterWrite;
import io.vtdoracle.properties.command.RegisterRead;
import io.vtdoracle.properties.command.RelocateRootTable;
import io.vtdoracle.properties.command.ScalableBits;
import java.util.ArrayList;
import java.util.List;

/** Generators of adversarial moves: raw writes, corrupted entries, garbage descriptors, random registers. */
final class AdversarialGens {

    /** An address well outside the 2 GiB of guest memory but inside a 39-bit address width. */
    static final long OUTSIDE_MEMORY = 0x40_0000_0000L;

    private AdversarialGens() {
    }

    private static Gen<Long> outside() {
        return Draw.aligned(0x1000, 0x40_0000_0000L).map(a -> OUTSIDE_MEMORY + a);
    }

    static Gen<Command> rawMemory(GuestView view) {
        List<Long> tables = new ArrayList<>();
        view.domains().values().forEach(d -> tables.add(d.table()));
        tables.add(view.rootTable());
        return tc -> {
            long address = tc.draw(Gens.frequency(
                    Gens.weighted(3, tc2 -> tc2.draw(Draw.pick(tables, 0L)) + 8 * tc2.draw(Gens.longs(0, 511))),
                    Gens.weighted(1, Gens.longs(0, 0x7FFF_FFF8L)),
                    Gens.weighted(1, outside())));
            return new RawMemoryWrite(address, tc.draw(Draw.anyLong()));
        };
    }

    static Gen<Command> corruptPte(GuestView view) {
        return tc -> {
            List<Integer> mapped = new ArrayList<>();
            view.domains().keySet().stream().filter(d -> !view.leaves(d).isEmpty()).forEach(mapped::add);
            int did = tc.draw(Draw.pick(mapped, 1));
            List<Long> leaves = new ArrayList<>(view.leaves(did).keySet());
            long iova = tc.draw(Draw.pick(leaves, 0L));
            int level = tc.draw(Gens.frequency(Gens.weighted(1, Gens.constant(1)), Gens.weighted(3, Gens.ints(2, 4))));
            long page = tc.draw(Draw.aligned(0x1000, 0x8000_0000L));
            long value = tc.draw(Gens.frequency(
                    Gens.weighted(2, outside().map(a -> a | 3)),
                    Gens.weighted(1, Gens.ints(7, 11).map(bit -> page | 3 | 1L << bit)),
                    Gens.weighted(1, Gens.ints(39, 62).map(bit -> page | 3 | 1L << bit)),
                    Gens.weighted(1, Gens.constant(0L)),
                    Gens.weighted(1, Gens.constant(view.domains().get(did).table() | 3)),
                    Gens.weighted(0.5, Draw.anyLong())));
            return new CorruptPte(did, iova, level, value);
        };
    }

    static Gen<Command> corruptRoot(GuestView view) {
        return tc -> {
            int bus = tc.draw(Gens.ints(0, 3));
            long page = tc.draw(Draw.aligned(0x1000, 0x8000_0000L));
            long[] entry = tc.draw(Gens.frequency(
                    Gens.weighted(2, outside().map(a -> new long[] {a | 1, 0})),
                    Gens.weighted(1, Gens.ints(1, 11).map(bit -> new long[] {page | 1 | 1L << bit, 0})),
                    Gens.weighted(1, Draw.anyLong().map(high -> new long[] {page | 1, high | 1})),
                    Gens.weighted(1, Gens.constant(new long[] {0, 0}))));
            return new CorruptRoot(bus, entry[0], entry[1]);
        };
    }

    static Gen<Command> rawContext(GuestView view, double mistakes) {
        List<Domain> domains = new ArrayList<>(view.domains().values());
        return tc -> {
            SourceId source = tc.draw(Gens.elements(Universe.SOURCES));
            Domain domain = tc.draw(Draw.pick(domains, new Domain(1, 3, 0x8000_0000L)));
            long table = domain.table();
            int aw = domain.levels() - 2;
            long high = (long) domain.did() << 8 | aw;
            long[] entry = tc.draw(Gens.frequency(
                    Gens.weighted(1, Gens.constant(new long[] {table | 3, high})),
                    Gens.weighted(1, Gens.ints(0, 7).map(w -> new long[] {table | 1, (high & ~7L) | w})),
                    Gens.weighted(1, Gens.ints(1, 3).map(tt -> new long[] {table | 1 | (long) tt << 2, high})),
                    Gens.weighted(1, Gens.ints(4, 11).map(bit -> new long[] {table | 1 | 1L << bit, high})),
                    Gens.weighted(1, Gens.elements(7, 24, 40, 63).map(bit -> new long[] {table | 1, high | 1L << bit})),
                    Gens.weighted(1, outside().map(a -> new long[] {a | 1, high})),
                    Gens.weighted(0.5, tc2 -> new long[] {tc2.draw(Draw.anyLong()), tc2.draw(Draw.anyLong())})));
            return new RawContext(source, entry[0], entry[1], tc.draw(DriverGens.flush(mistakes)));
        };
    }

    /**
     * Scalable mode: a word of a device's root-entry half, context entry, PASID directory entry or RID_PASID entry
     * with one bit flipped, one field rewritten, or replaced by garbage.
     */
    static Gen<Command> scalableBits(double mistakes) {
        return tc -> {
            ScalableBits.Structure structure = tc.draw(Gens.elements(ScalableBits.Structure.values()));
            SourceId source = tc.draw(Gens.elements(Universe.SOURCES));
            int word = tc.draw(Gens.ints(0, structure.words() - 1));
            long[] change = tc.draw(Gens.frequency(
                    Gens.weighted(1.5, Gens.ints(0, 63).map(bit -> new long[] {1L << bit, 1L << bit})),
                    Gens.weighted(1.5, Gens.ints(0, 63).map(bit -> new long[] {1L << bit, 0})),
                    Gens.weighted(1, Gens.ints(0, 7).map(v -> new long[] {0x1C0, (long) v << 6})),
                    Gens.weighted(0.5, Draw.anyLong().map(v -> new long[] {-1L, v}))));
            return new ScalableBits(structure, source, word, change[0], change[1], tc.draw(DriverGens.flush(mistakes)));
        };
    }

    static Gen<Command> rawRegister() {
        return tc -> {
            int offset = tc.draw(Draw.mostly(Gens.elements(Universe.REGISTER_OFFSETS), 0.3, Gens.ints(0, 0x300)));
            int size = tc.draw(Gens.frequency(Gens.weighted(3, Gens.constant(4)), Gens.weighted(3, Gens.constant(8)),
                    Gens.weighted(1, Gens.ints(0, 16))));
            RawRegisterWrite write = new RawRegisterWrite(offset, size, tc.draw(Draw.anyLong()));
            // Often read the register straight back: what it keeps of a write is part of the contract (§10.4).
            return tc.draw(Draw.usually(0.5))
                    ? new Probe("read-back", List.of(write, new RegisterRead(offset, size))) : write;
        };
    }

    static Gen<Command> registerRead() {
        return tc -> new RegisterRead(
                tc.draw(Draw.mostly(Gens.elements(Universe.REGISTER_OFFSETS), 0.2, Gens.ints(0, 0x300))),
                tc.draw(Draw.mostly(Gens.elements(4, 8), 0.1, Gens.ints(0, 16))));
    }

    static Gen<Command> garbageDescriptor() {
        return tc -> {
            long type = tc.draw(Gens.ints(0, 15));
            long low = tc.draw(Draw.mostly(Gens.longs(0, 0xFFFF_FFFFL), 0.3, Draw.anyLong())) & ~0xFL | type;
            long high = tc.draw(Draw.mostly(Gens.constant(0L), 0.5, Draw.anyLong()));
            // Sometimes a valid descriptor with one bit of the type's upper field (11:9) set (§6.5.2: reserved).
            if (tc.draw(Draw.usually(0.3))) {
                long[] valid = tc.draw(Gens.elements(Encoding.contextGlobal(), Encoding.iotlbGlobal(),
                        Encoding.interruptEntryCacheGlobal(), Encoding.invalidationWait(false, false, true, 0, 0)));
                low = valid[0] | 1L << (9 + tc.draw(Gens.ints(0, 2)));
                high = valid[1];
            }
            return new GarbageDescriptor(low, high, tc.draw(Draw.usually(0.2)));
        };
    }

    static Gen<Command> relocateRoot() {
        return Gens.frequency(Gens.weighted(3, outside()), Gens.weighted(1, Draw.anyLong()))
                .map(RelocateRootTable::new);
    }
}
