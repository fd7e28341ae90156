package io.vtdoracle.guest;

/** The sizes of second-level leaves: 4 KiB at level 1, 2 MiB at level 2, 1 GiB at level 3 (§3.6). */
public enum PageSize {
    SIZE_4K(1),
    SIZE_2M(2),
    SIZE_1G(3);

    private final int level;

    PageSize(int level) {
        this.level = level;
    }

    /** The paging level whose entries are leaves of this size. */
    public int level() {
        return level;
    }

    public long bytes() {
        return 1L << (12 + 9 * (level - 1));
    }
}
