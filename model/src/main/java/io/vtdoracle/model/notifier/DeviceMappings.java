package io.vtdoracle.model.notifier;

import io.vavr.collection.List;
import io.vavr.control.Option;
import io.vtdoracle.model.paging.Leaf;
import io.vtdoracle.model.paging.LeafScan;

import java.util.function.ToLongFunction;

/**
 * The mappings of a device as its tables hold them now (contract §7.1), with the domain-id of the context entry
 * they were found through. A device in the IDENTITY view, or whose root or context entry faults, has none.
 *
 * @param domain  the domain-id of the device's translating context entry
 * @param scanner the leaves (permission other than NONE) whose span meets a range, in ascending IOVA order, until
 *                their weights exceed a limit (contract §7.5, bounded work)
 */
public record DeviceMappings(Option<Integer> domain, Scanner scanner) {

    /** A bounded enumeration of a device's leaves meeting {@code range}. */
    @FunctionalInterface
    public interface Scanner {
        LeafScan leavesMeeting(IovaRange range, ToLongFunction<Leaf> weight, long limit);
    }

    /** No mappings. */
    public static DeviceMappings none() {
        return new DeviceMappings(Option.none(), (range, weight, limit) -> new LeafScan(List.empty(), false));
    }

    /** The leaf containing {@code address}, if any. */
    public Option<Leaf> leafAt(long address) {
        return scanner.leavesMeeting(new IovaRange(address, address), leaf -> 0, 0).leaves().headOption();
    }

    /** The leaves meeting {@code range} until their weights exceed {@code limit}. */
    public LeafScan leavesMeeting(IovaRange range, ToLongFunction<Leaf> weight, long limit) {
        return scanner.leavesMeeting(range, weight, limit);
    }
}
