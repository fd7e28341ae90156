package io.vtdoracle.properties.command;

import io.vtdoracle.api.ListenerFlag;
import io.vtdoracle.api.SourceId;
import java.util.Set;

/**
 * VFIO's two listeners on a device, split around the interrupt window: {@code [0, 0xFEDFFFFF]} and
 * {@code [0xFEF00000, 2^aw - 1]}, each with MAP and UNMAP and {@link ListenerSpec#VFIO_BUDGET}, each replayed after
 * registration.
 */
public record ListenVfio(int firstId, SourceId source) implements Command {

    public static final long LOW_LAST = 0xFEDF_FFFFL;
    public static final long HIGH_FIRST = 0xFEF0_0000L;

    @Override
    public void issue(GuestView view) {
        Set<ListenerFlag> flags = Set.of(ListenerFlag.MAP, ListenerFlag.UNMAP);
        ListenerSpec low = new ListenerSpec(firstId, source, 0, LOW_LAST, flags, ListenerSpec.VFIO_BUDGET);
        ListenerSpec high = new ListenerSpec(firstId + 1, source, HIGH_FIRST,
                (1L << view.capabilities().addressWidth()) - 1, flags, ListenerSpec.VFIO_BUDGET);
        view.listen(low);
        view.replay(low.id());
        view.listen(high);
        view.replay(high.id());
    }

    @Override
    public String toString() {
        return String.format("vfio listeners L%d, L%d on %s split at the interrupt window", firstId, firstId + 1,
                source);
    }
}
