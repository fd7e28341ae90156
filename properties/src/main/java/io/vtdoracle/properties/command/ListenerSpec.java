package io.vtdoracle.properties.command;

import io.vtdoracle.api.ListenerFlag;
import io.vtdoracle.api.ListenerId;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.SourceId;
import java.util.Set;
import java.util.TreeSet;

/**
 * A listener a VMM registers: on device {@code source}, for IOVAs {@code first..last}, with {@code flags}, holding
 * at most {@code mappingBudget} pieces (contract §7.5).
 */
public record ListenerSpec(int id, SourceId source, long first, long last, Set<ListenerFlag> flags,
                           int mappingBudget) {

    /** The budget of VFIO's listeners here: a host with a lower dma_entry_limit than type1's default. */
    public static final int VFIO_BUDGET = 4096;

    public ListenerSpec {
        flags = Set.copyOf(flags);
    }

    public Operation.RegisterListener operation() {
        return new Operation.RegisterListener(new ListenerId(id), source, first, last, flags, mappingBudget);
    }

    /** A VFIO type1 listener: told both MAPs and UNMAPs, so its container must follow type1's rules. */
    public boolean isType1() {
        return flags.contains(ListenerFlag.MAP) && flags.contains(ListenerFlag.UNMAP);
    }

    @Override
    public String toString() {
        return String.format("L%d on %s [0x%x..0x%x] %s budget %d", id, source, first, last, new TreeSet<>(flags),
                mappingBudget);
    }
}
