package io.vtdoracle.properties.command;

import io.vtdoracle.api.ListenerFlag;
import io.vtdoracle.api.ListenerId;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.SourceId;
import java.util.Set;
import java.util.TreeSet;

/** A listener a VMM registers: on device {@code source}, for IOVAs {@code first..last}, with {@code flags}. */
public record ListenerSpec(int id, SourceId source, long first, long last, Set<ListenerFlag> flags) {

    public ListenerSpec {
        flags = Set.copyOf(flags);
    }

    public Operation.RegisterListener operation() {
        return new Operation.RegisterListener(new ListenerId(id), source, first, last, flags);
    }

    /** A VFIO type1 listener: told both MAPs and UNMAPs, so its container must follow type1's rules. */
    public boolean isType1() {
        return flags.contains(ListenerFlag.MAP) && flags.contains(ListenerFlag.UNMAP);
    }

    @Override
    public String toString() {
        return String.format("L%d on %s [0x%x..0x%x] %s", id, source, first, last, new TreeSet<>(flags));
    }
}
