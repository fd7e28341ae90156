package io.vtdoracle.model.notifier;

import io.vavr.collection.List;
import io.vavr.control.Option;
import io.vtdoracle.model.paging.Leaf;

import java.util.function.Function;

/**
 * The mappings of a device as its tables hold them now (contract §7.1), with the domain-id of the context entry
 * they were found through: {@code leavesMeeting} gives the leaves (permission other than NONE) whose span meets a
 * range, in ascending IOVA order. A device in the IDENTITY view, or whose root or context entry faults, has none.
 */
public record DeviceMappings(Option<Integer> domain, Function<IovaRange, List<Leaf>> leavesMeeting) {

    /** No mappings. */
    public static DeviceMappings none() {
        return new DeviceMappings(Option.none(), range -> List.empty());
    }
}
