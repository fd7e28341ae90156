package io.vtdoracle.impl.memory;

/**
 * Guest-physical memory from address 0 to {@code size - 1}, as 64-bit little-endian words in 4 KiB pages of
 * {@code long[512]}. Pages are allocated on first write; an unwritten page reads as zero. The page directory is a
 * three-level radix tree (page-number bits 35:24, 23:12 and 11:0), so a 48-bit address space costs nothing until
 * it is written. The read path does no boxing and no allocation; the last page touched is remembered.
 */
public final class GuestMemory {

    private static final int PAGE_SHIFT = 12;
    private static final int WORDS_PER_PAGE = 512;
    private static final int RADIX_BITS = 12;
    private static final int RADIX_MASK = (1 << RADIX_BITS) - 1;

    private final long size;
    private final long[][][][] directory = new long[1 << RADIX_BITS][][][];

    private long lastPageNumber = -1;
    private long[] lastPage;

    /** Memory of {@code size} bytes (a whole number of pages, at most 2^48). */
    public GuestMemory(long size) {
        if (size < 0 || size > 1L << 48 || (size & 0xFFF) != 0) {
            throw new IllegalArgumentException("guest memory size must be whole pages up to 2^48: " + size);
        }
        this.size = size;
    }

    /** Size in bytes. */
    public long size() {
        return size;
    }

    /** Whether the 8-byte word at {@code address & ~7} lies inside guest memory. */
    public boolean contains(long address) {
        return address >= 0 && address < size;
    }

    /**
     * Whether the byte at {@code base + offset} lies inside guest memory, where {@code base} is any 64-bit value
     * and {@code offset} is small and non-negative: a sum that wraps past 2^64 is outside.
     */
    public boolean contains(long base, long offset) {
        return base >= 0 && base < size && offset < size - base;
    }

    /**
     * The 64-bit word at {@code address & ~7}; the caller has checked {@link #contains(long)}. Unwritten memory
     * reads as zero.
     */
    public long read(long address) {
        long pageNumber = address >>> PAGE_SHIFT;
        long[] page = pageNumber == lastPageNumber ? lastPage : lookup(pageNumber);
        if (page == null) {
            return 0;
        }
        return page[(int) (address >>> 3) & (WORDS_PER_PAGE - 1)];
    }

    /**
     * The 512 words of the page holding {@code address}, indexed by word (address bits 11:3), or null if the page
     * was never written (it reads as zero); the caller has checked {@link #contains(long)} and only reads it.
     */
    public long[] page(long address) {
        long pageNumber = address >>> PAGE_SHIFT;
        return pageNumber == lastPageNumber ? lastPage : lookup(pageNumber);
    }

    /** Writes the 64-bit word at {@code address & ~7}; the caller has checked {@link #contains(long)}. */
    public void write(long address, long value) {
        long pageNumber = address >>> PAGE_SHIFT;
        long[] page = pageNumber == lastPageNumber ? lastPage : lookup(pageNumber);
        if (page == null) {
            if (value == 0) {
                return;
            }
            page = allocate(pageNumber);
        }
        page[(int) (address >>> 3) & (WORDS_PER_PAGE - 1)] = value;
    }

    /**
     * Writes the low 32 bits of {@code value} as the little-endian dword at {@code address & ~3} (a status write
     * of an invalidation wait descriptor); the caller has checked {@link #contains(long)}.
     */
    public void writeDword(long address, int value) {
        long word = read(address);
        int shift = (int) (address & 4) * 8;
        long mask = 0xFFFF_FFFFL << shift;
        write(address, (word & ~mask) | ((value & 0xFFFF_FFFFL) << shift));
    }

    private long[] lookup(long pageNumber) {
        long[][][] middle = directory[(int) (pageNumber >>> (2 * RADIX_BITS))];
        if (middle == null) {
            return null;
        }
        long[][] leaves = middle[(int) (pageNumber >>> RADIX_BITS) & RADIX_MASK];
        if (leaves == null) {
            return null;
        }
        long[] page = leaves[(int) pageNumber & RADIX_MASK];
        if (page != null) {
            lastPageNumber = pageNumber;
            lastPage = page;
        }
        return page;
    }

    private long[] allocate(long pageNumber) {
        int top = (int) (pageNumber >>> (2 * RADIX_BITS));
        int mid = (int) (pageNumber >>> RADIX_BITS) & RADIX_MASK;
        if (directory[top] == null) {
            directory[top] = new long[1 << RADIX_BITS][][];
        }
        if (directory[top][mid] == null) {
            directory[top][mid] = new long[1 << RADIX_BITS][];
        }
        long[] page = new long[WORDS_PER_PAGE];
        directory[top][mid][(int) pageNumber & RADIX_MASK] = page;
        lastPageNumber = pageNumber;
        lastPage = page;
        return page;
    }
}
