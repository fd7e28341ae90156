package io.vtdoracle.impl.listener;

import java.util.Arrays;

/**
 * A listener's shadow: the pieces (iova, address mask, translated address, permission) it has been told and not
 * yet told to forget, as sorted parallel primitive arrays, like QEMU's iova tree but per listener. Pieces are
 * ordered by IOVA (unsigned), then mask, translated address and permission; they normally do not overlap, but a
 * guest that invalidates part of a changed region can make them overlap, and the set keeps that truthfully.
 *
 * <p>{@link #firstMeeting} finds the first piece that may meet a range by binary search, starting at the range's
 * first IOVA minus the largest mask held, so a page-selective invalidation looks only at its own range.
 */
public final class PieceSet {

    private long[] iovas = new long[16];
    private long[] masks = new long[16];
    private long[] translated = new long[16];
    private byte[] permissions = new byte[16];
    private int size;
    private long largestMask;

    public int size() {
        return size;
    }

    public long iova(int index) {
        return iovas[index];
    }

    public long mask(int index) {
        return masks[index];
    }

    /** The last IOVA of the piece at {@code index}. */
    public long last(int index) {
        return iovas[index] + masks[index];
    }

    public long translated(int index) {
        return translated[index];
    }

    /** R in bit 0, W in bit 1. */
    public int permission(int index) {
        return permissions[index];
    }

    /** Removes every piece. */
    public void clear() {
        size = 0;
        largestMask = 0;
    }

    /**
     * The index of the first piece that could meet {@code first..}: every piece meeting {@code first..last} is at
     * this index or later, and the scan may stop at the first piece whose IOVA is above {@code last}.
     */
    public int firstMeeting(long first) {
        long from = Long.compareUnsigned(first, largestMask) <= 0 ? 0 : first - largestMask;
        int low = 0;
        int high = size;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (Long.compareUnsigned(iovas[middle], from) < 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** Whether the piece at {@code index} meets {@code first..last} (inclusive, unsigned). */
    public boolean meets(int index, long first, long last) {
        return Long.compareUnsigned(iovas[index], last) <= 0 && Long.compareUnsigned(last(index), first) >= 0;
    }

    /** Whether exactly this piece is held. */
    public boolean contains(long iova, long mask, long translatedAddress, int permission) {
        return search(iova, mask, translatedAddress, permission) >= 0;
    }

    /** Adds a piece (no effect if exactly this piece is held). */
    public void add(long iova, long mask, long translatedAddress, int permission) {
        int at = search(iova, mask, translatedAddress, permission);
        if (at >= 0) {
            return;
        }
        at = -at - 1;
        if (size == iovas.length) {
            int capacity = size * 2;
            iovas = Arrays.copyOf(iovas, capacity);
            masks = Arrays.copyOf(masks, capacity);
            translated = Arrays.copyOf(translated, capacity);
            permissions = Arrays.copyOf(permissions, capacity);
        }
        int tail = size - at;
        System.arraycopy(iovas, at, iovas, at + 1, tail);
        System.arraycopy(masks, at, masks, at + 1, tail);
        System.arraycopy(translated, at, translated, at + 1, tail);
        System.arraycopy(permissions, at, permissions, at + 1, tail);
        iovas[at] = iova;
        masks[at] = mask;
        translated[at] = translatedAddress;
        permissions[at] = (byte) permission;
        size++;
        if (Long.compareUnsigned(mask, largestMask) > 0) {
            largestMask = mask;
        }
    }

    /** Removes the piece at {@code index}. */
    public void removeAt(int index) {
        int tail = size - index - 1;
        System.arraycopy(iovas, index + 1, iovas, index, tail);
        System.arraycopy(masks, index + 1, masks, index, tail);
        System.arraycopy(translated, index + 1, translated, index, tail);
        System.arraycopy(permissions, index + 1, permissions, index, tail);
        size--;
        if (size == 0) {
            largestMask = 0;
        }
    }

    /** Removes exactly this piece if held. */
    public void remove(long iova, long mask, long translatedAddress, int permission) {
        int at = search(iova, mask, translatedAddress, permission);
        if (at >= 0) {
            removeAt(at);
        }
    }

    /** Binary search: the index of the piece, or -(insertion point) - 1. */
    private int search(long iova, long mask, long translatedAddress, int permission) {
        int low = 0;
        int high = size - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int order = compare(middle, iova, mask, translatedAddress, permission);
            if (order < 0) {
                low = middle + 1;
            } else if (order > 0) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        return -low - 1;
    }

    private int compare(int index, long iova, long mask, long translatedAddress, int permission) {
        int order = Long.compareUnsigned(iovas[index], iova);
        if (order == 0) {
            order = Long.compareUnsigned(masks[index], mask);
        }
        if (order == 0) {
            order = Long.compareUnsigned(translated[index], translatedAddress);
        }
        if (order == 0) {
            order = Integer.compare(permissions[index], permission);
        }
        return order;
    }
}
