package io.vtdoracle.model.notifier;

import io.vavr.collection.List;
import io.vavr.control.Option;
import io.vtdoracle.api.Operation;

/**
 * A non-empty range of IOVAs {@code first..last}, inclusive. Addresses are unsigned 64-bit values, so the whole
 * space {@code 0..2^64-1} is a range too.
 */
public record IovaRange(long first, long last) {

    /** Every IOVA: the range of global and domain-selective invalidations, replays and domain switches. */
    public static final IovaRange ALL = new IovaRange(0, -1L);

    /** The interrupt window 0xFEE00000–0xFEEFFFFF (§3.14): never a mapping, never in an event. */
    public static final IovaRange INTERRUPT_WINDOW =
            new IovaRange(Operation.INTERRUPT_WINDOW_FIRST, Operation.INTERRUPT_WINDOW_LAST);

    public IovaRange {
        if (Long.compareUnsigned(first, last) > 0) {
            throw new IllegalArgumentException(String.format("empty range 0x%x..0x%x", first, last));
        }
    }

    /** The range {@code first..last}, or none if first is above last. */
    public static Option<IovaRange> of(long first, long last) {
        return Long.compareUnsigned(first, last) <= 0 ? Option.some(new IovaRange(first, last)) : Option.none();
    }

    /** The naturally aligned block of {@code mask + 1} addresses from {@code first} (mask = 2^k - 1). */
    public static IovaRange block(long first, long mask) {
        return new IovaRange(first, first + mask);
    }

    public boolean contains(long address) {
        return Long.compareUnsigned(first, address) <= 0 && Long.compareUnsigned(address, last) <= 0;
    }

    /** Whether the two ranges have an address in common. */
    public boolean meets(IovaRange other) {
        return Long.compareUnsigned(first, other.last) <= 0 && Long.compareUnsigned(other.first, last) <= 0;
    }

    /** The addresses in both ranges, if any. */
    public Option<IovaRange> intersect(IovaRange other) {
        return meets(other)
                ? Option.some(new IovaRange(max(first, other.first), min(last, other.last)))
                : Option.none();
    }

    /** The smallest range holding both. */
    public IovaRange hull(IovaRange other) {
        return new IovaRange(min(first, other.first), max(last, other.last));
    }

    /** This range without the addresses of {@code other}: none, one or two ranges, in ascending order. */
    public List<IovaRange> minus(IovaRange other) {
        if (!meets(other)) {
            return List.of(this);
        }
        Option<IovaRange> below = other.first == 0 ? Option.none() : of(first, other.first - 1);
        Option<IovaRange> above = other.last == -1L ? Option.none() : of(other.last + 1, last);
        return below.toList().appendAll(above);
    }

    /**
     * Contract §7.2: this range cut into naturally aligned power-of-two blocks, greedily from the low end, each as
     * large as the alignment of its first address and the remaining length allow; in ascending order, at most 128
     * blocks.
     */
    public List<IovaRange> alignedBlocks() {
        List<IovaRange> blocks = List.empty();
        long from = first;
        while (true) {
            int alignment = from == 0 ? 64 : Long.numberOfTrailingZeros(from);
            long remainingMinusOne = last - from;
            int fits = remainingMinusOne == -1L ? 64 : 63 - Long.numberOfLeadingZeros(remainingMinusOne + 1);
            int bits = Math.min(alignment, fits);
            long mask = bits == 64 ? -1L : (1L << bits) - 1;
            blocks = blocks.append(block(from, mask));
            if (from + mask == last) {
                return blocks;
            }
            from = from + mask + 1;
        }
    }

    /** The size minus one, the address mask of a naturally aligned block. */
    public long mask() {
        return last - first;
    }

    private static long min(long a, long b) {
        return Long.compareUnsigned(a, b) <= 0 ? a : b;
    }

    private static long max(long a, long b) {
        return Long.compareUnsigned(a, b) >= 0 ? a : b;
    }

    @Override
    public String toString() {
        return String.format("[0x%x..0x%x]", first, last);
    }
}
