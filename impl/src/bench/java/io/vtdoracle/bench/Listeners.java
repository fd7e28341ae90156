package io.vtdoracle.bench;

import io.vtdoracle.api.ListenerFlag;
import io.vtdoracle.api.ListenerId;
import io.vtdoracle.api.Operation;

import java.util.Set;

/**
 * The two listeners VFIO registers on a VT-d address space, split around the interrupt window, with a mapping
 * budget (contract §7.5) raised for a 1 GiB domain of 4K pages, as a host raises type1's dma_entry_limit for it.
 */
final class Listeners {

    static final int MAPPING_BUDGET = Operation.RegisterListener.MAX_MAPPING_BUDGET;

    static final long BELOW_WINDOW_LAST = 0xFEDF_FFFFL;
    static final long ABOVE_WINDOW_FIRST = 0xFEF0_0000L;

    private Listeners() {
    }

    static Operation.RegisterListener belowWindow(int id) {
        return new Operation.RegisterListener(new ListenerId(id), Domains.DEVICE, 0, BELOW_WINDOW_LAST,
                Set.of(ListenerFlag.MAP, ListenerFlag.UNMAP), MAPPING_BUDGET);
    }

    static Operation.RegisterListener aboveWindow(int id) {
        return new Operation.RegisterListener(new ListenerId(id), Domains.DEVICE, ABOVE_WINDOW_FIRST, -1L,
                Set.of(ListenerFlag.MAP, ListenerFlag.UNMAP), MAPPING_BUDGET);
    }
}
