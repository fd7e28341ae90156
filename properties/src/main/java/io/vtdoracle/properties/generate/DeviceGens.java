package io.vtdoracle.properties.generate;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.check.Gen;
import io.vtdoracle.check.Gens;
import io.vtdoracle.guest.Encoding;
import io.vtdoracle.guest.PageSize;
import io.vtdoracle.properties.command.Command;
import io.vtdoracle.properties.command.Dma;
import io.vtdoracle.properties.command.GuestView;
import io.vtdoracle.properties.command.Interrupt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Generators of device requests: DMA mostly from attached devices into their mapped leaves, and elsewhere;
 * interrupts of both formats.
 */
final class DeviceGens {

    private DeviceGens() {
    }

    static Gen<Command> dma(GuestView view) {
        long top = 1L << view.capabilities().addressWidth();
        List<SourceId> attached = new ArrayList<>(view.attached().keySet());
        return tc -> {
            SourceId source = tc.draw(Gens.frequency(Gens.weighted(1, Gens.elements(Universe.SOURCES)),
                    Gens.weighted(attached.isEmpty() ? 0 : 3, Draw.pick(attached, Universe.SOURCES.get(0)))));
            Integer did = view.attached().get(source);
            List<Map.Entry<Long, PageSize>> leaves = did == null ? List.of()
                    : new ArrayList<>(view.leaves(did).entrySet());
            Gen<Long> inLeaf = tc2 -> {
                Map.Entry<Long, PageSize> leaf = tc2.draw(Draw.pick(leaves, Map.entry(0L, PageSize.SIZE_4K)));
                return leaf.getKey() + (tc2.draw(Gens.longs(0, leaf.getValue().bytes() / 4 - 1)) << 2);
            };
            long address = tc.draw(Gens.frequency(Gens.weighted(leaves.isEmpty() ? 0 : 10, inLeaf),
                    Gens.weighted(2, Gens.elements(Universe.ADDRESSES)),
                    Gens.weighted(1, Gens.longs(0, 0xFFFF_FFFFL)),
                    Gens.weighted(0.6, Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE)),
                    Gens.weighted(0.6, Gens.longs(top, top + 0x20_0000L)),
                    Gens.weighted(0.6, Gens.longs(0xFEE0_0000L, 0xFEEF_FFFFL))));
            Access access = tc.draw(Gens.elements(Access.READ, Access.WRITE));
            return new Dma(source, address, access);
        };
    }

    static Gen<Command> interrupt(GuestView view) {
        int entries = 1 << (view.interruptTableSizeField() + 1);
        Gen<long[]> remappable = tc -> {
            int handle = tc.draw(Draw.mostly(Gens.ints(0, 7), 0.2, Gens.ints(0, Math.max(entries + 2, 0xFFFF))));
            boolean shv = tc.draw(Draw.chance(0.3));
            long address = Encoding.remappableAddress(handle, shv) | tc.draw(Draw.mostly(Gens.constant(0L), 0.1,
                    Gens.longs(0, 3)));
            int data = shv ? tc.draw(Draw.mostly(Gens.ints(0, 4), 0.15, Gens.ints())) : tc.draw(Gens.ints());
            return new long[] {address, data};
        };
        Gen<long[]> compatibility = tc -> new long[] {
            0xFEE0_0000L | (long) tc.draw(Gens.ints(0, 255)) << 12 | tc.draw(Gens.longs(0, 0xF)) & ~0x10L,
            tc.draw(Gens.ints())};
        Gen<long[]> elsewhere = tc -> new long[] {tc.draw(Gens.elements(Universe.ADDRESSES)), tc.draw(Gens.ints())};
        return tc -> {
            SourceId source = tc.draw(Gens.elements(Universe.SOURCES));
            long[] request = tc.draw(Gens.frequency(Gens.weighted(6, remappable), Gens.weighted(1.5, compatibility),
                    Gens.weighted(0.5, elsewhere)));
            return new Interrupt(source, request[0], (int) request[1]);
        };
    }
}
