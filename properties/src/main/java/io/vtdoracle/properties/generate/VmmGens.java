package io.vtdoracle.properties.generate;

import io.vtdoracle.api.ListenerFlag;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.check.Gen;
import io.vtdoracle.check.Gens;
import io.vtdoracle.properties.command.Command;
import io.vtdoracle.properties.command.GuestView;
import io.vtdoracle.properties.command.Listen;
import io.vtdoracle.properties.command.ListenVfio;
import io.vtdoracle.properties.command.ListenerSpec;
import io.vtdoracle.properties.command.ReplayListener;
import io.vtdoracle.properties.command.Unlisten;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Generators of what a VMM does: listeners (VFIO's split pair, UNMAP-only, device-IOTLB; budgets from the
 * default to a few pieces, so that listeners overflow, contract §7.5), removal, replay.
 */
final class VmmGens {

    private VmmGens() {
    }

    private static Gen<SourceId> device(GuestView view) {
        List<SourceId> attached = new ArrayList<>(view.attached().keySet());
        return Gens.frequency(Gens.weighted(attached.isEmpty() ? 0 : 3, Draw.pick(attached, Universe.SOURCES.get(0))),
                Gens.weighted(1, Gens.elements(Universe.SOURCES)));
    }

    static Gen<Command> listen(GuestView view) {
        long top = (1L << view.capabilities().addressWidth()) - 1;
        Gen<long[]> range = Gens.frequency(Gens.weighted(3, Gens.constant(new long[] {0, top})),
                Gens.weighted(2, tc -> {
                    long first = tc.draw(Gens.elements(Universe.IOVAS_4K));
                    long length = tc.draw(Gens.elements(0x1000L, 0x20_0000L, 0x40_0000L, 0x4000_0000L, 0x123_4000L));
                    return new long[] {first, first + length - 1};
                }),
                Gens.weighted(0.3, Gens.elements(new long[] {0x2000, 0x1000}, new long[] {0, Long.MAX_VALUE},
                        new long[] {0xFEE0_0000L, 0xFEEF_FFFFL})));
        Gen<Set<ListenerFlag>> flags = Gens.frequency(
                Gens.weighted(5, Gens.constant(Set.of(ListenerFlag.MAP, ListenerFlag.UNMAP))),
                Gens.weighted(2, Gens.constant(Set.of(ListenerFlag.UNMAP))),
                Gens.weighted(0.5, Gens.constant(Set.of(ListenerFlag.MAP))),
                Gens.weighted(view.capabilities().deviceTlb() ? 1 : 0.2,
                        Gens.constant(Set.of(ListenerFlag.DEVICE_IOTLB_UNMAP))),
                Gens.weighted(0.1, Gens.constant(Set.of())));
        Gen<Integer> budget = Gens.frequency(Gens.weighted(3, Gens.constant(ListenerSpec.VFIO_BUDGET)),
                Gens.weighted(1, Gens.constant(Operation.RegisterListener.DEFAULT_MAPPING_BUDGET)),
                Gens.weighted(2, Gens.ints(0, 8)));
        List<Integer> existing = new ArrayList<>(view.listeners().keySet());
        return tc -> {
            int id = tc.draw(Draw.mostly(Gens.constant(view.nextListenerId()), existing.isEmpty() ? 0 : 0.05,
                    Draw.pick(existing, 1)));
            long[] r = tc.draw(range);
            return new Listen(new ListenerSpec(id, tc.draw(device(view)), r[0], r[1], tc.draw(flags),
                    tc.draw(budget)), tc.draw(Draw.usually(0.15)));
        };
    }

    static Gen<Command> listenVfio(GuestView view) {
        return tc -> new ListenVfio(view.nextListenerId(), tc.draw(device(view)));
    }

    static Gen<Command> unlisten(GuestView view) {
        List<Integer> ids = new ArrayList<>(view.listeners().keySet());
        return Draw.pick(ids, 1).map(Unlisten::new);
    }

    static Gen<Command> replay(GuestView view) {
        List<Integer> ids = new ArrayList<>(view.listeners().keySet());
        return Draw.pick(ids, 1).map(ReplayListener::new);
    }
}
