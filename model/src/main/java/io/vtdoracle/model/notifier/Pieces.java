package io.vtdoracle.model.notifier;

import io.vavr.collection.List;
import io.vavr.control.Option;
import io.vtdoracle.model.paging.Leaf;

/** Cutting mappings and ranges into what a listener is told (contract §7.2). */
public final class Pieces {

    private Pieces() {
    }

    /** Contract §7: a listener's range without the interrupt window (§3.14), in ascending order. */
    public static List<IovaRange> effectiveRange(IovaRange range) {
        return range.minus(IovaRange.INTERRUPT_WINDOW);
    }

    /** The IOVAs of a leaf (contract §7.1: the mapping of a leaf reached with permission other than NONE). */
    public static IovaRange span(Leaf leaf) {
        return IovaRange.block(leaf.iova(), leaf.pageMask());
    }

    /**
     * The pieces of {@code leaf} in {@code effective} (an effective range): its span without the IOVAs that
     * translate into the interrupt window (§3.14, contract §7.1), clipped to the effective range and cut into
     * naturally aligned blocks, each translating to {@code outputBase + (pieceIova − leafIova)}; ascending.
     */
    public static List<Piece> of(Leaf leaf, List<IovaRange> effective) {
        IovaRange span = span(leaf);
        List<IovaRange> parts = intoInterruptWindow(leaf).map(span::minus).getOrElse(List.of(span));
        return parts.flatMap(part -> effective.flatMap(part::intersect))
                .flatMap(IovaRange::alignedBlocks)
                .map(block -> new Piece(block.first(), block.mask(), leaf.translate(block.first()),
                        leaf.permission()));
    }

    /** §3.14: the IOVAs of a leaf that translate into the interrupt window, if any. */
    private static Option<IovaRange> intoInterruptWindow(Leaf leaf) {
        return IovaRange.block(leaf.outputBase(), leaf.pageMask()).intersect(IovaRange.INTERRUPT_WINDOW)
                .map(hit -> new IovaRange(leaf.iova() + (hit.first() - leaf.outputBase()),
                        leaf.iova() + (hit.last() - leaf.outputBase())));
    }

    /** A range clipped to an effective range and cut into naturally aligned blocks (UNMAP coverage), ascending. */
    public static List<IovaRange> cover(IovaRange range, List<IovaRange> effective) {
        return effective.flatMap(range::intersect).flatMap(IovaRange::alignedBlocks);
    }
}
