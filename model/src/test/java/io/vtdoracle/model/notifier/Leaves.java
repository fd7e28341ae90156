package io.vtdoracle.model.notifier;

import io.vavr.collection.List;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import io.vtdoracle.api.ListenerFlag;
import io.vtdoracle.api.ListenerId;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.model.paging.Leaf;
import io.vtdoracle.model.paging.LeafScan;

import java.util.EnumSet;

/** Hand-made leaf lists and listeners for tests of pieces and diffs. */
final class Leaves {

    static final SourceId DEVICE = SourceId.of(0, 4, 0);

    private Leaves() {
    }

    /** The given leaves of domain {@code domain}, as the device's tables would give them. */
    static DeviceMappings of(int domain, List<Leaf> leaves) {
        return new DeviceMappings(Option.some(domain), (range, weight, limit) -> {
            List<Leaf> meeting = leaves.filter(leaf -> Pieces.span(leaf).meets(range)).sortBy(Leaf::iova);
            List<Leaf> within = meeting.zipWithIndex()
                    .takeWhile(leaf -> meeting.take(leaf._2).map(weight::applyAsLong).sum().longValue() <= limit)
                    .map(leaf -> leaf._1);
            return new LeafScan(within, meeting.map(weight::applyAsLong).sum().longValue() > limit);
        });
    }

    static Leaf page(long iova, long target, Permission permission) {
        return new Leaf(iova, 0xFFF, target, permission);
    }

    static Leaf large(long iova, long target) {
        return new Leaf(iova, 0x1F_FFFF, target, Permission.READ_WRITE);
    }

    static Leaf huge(long iova, long target) {
        return new Leaf(iova, 0x3FFF_FFFFL, target, Permission.READ_WRITE);
    }

    static Listener listener(int id, long first, long last, ListenerFlag... flags) {
        EnumSet<ListenerFlag> set = EnumSet.noneOf(ListenerFlag.class);
        set.addAll(java.util.List.of(flags));
        return new Listener(new ListenerId(id), DEVICE, new IovaRange(first, last), TreeSet.ofAll(set),
                Operation.RegisterListener.DEFAULT_MAPPING_BUDGET, Shadow.empty());
    }

    /** The pieces the leaves give the listener in its effective range, ascending. */
    static java.util.List<Piece> expected(Listener listener, List<Leaf> leaves) {
        return leaves.flatMap(leaf -> Pieces.of(leaf, listener.effectiveRange()))
                .sorted((a, b) -> Long.compareUnsigned(a.iova(), b.iova())).toJavaList();
    }
}
