package io.vtdoracle.model.paging;

import io.vtdoracle.api.Permission;

/**
 * A leaf translation of a second-level walk: the input page {@code iova..iova+pageMask} (4 KiB, 2 MiB or 1 GiB,
 * naturally aligned) maps to {@code outputBase..} with the permission accumulated along the walk (§3.7).
 */
public record Leaf(long iova, long pageMask, long outputBase, Permission permission) {

    /** Whether {@code address} lies in this leaf's input page. */
    public boolean contains(long address) {
        return (address & ~pageMask) == iova;
    }

    /** The output address of {@code address}, which lies in the page: the frame plus the page offset. */
    public long translate(long address) {
        return outputBase | (address & pageMask);
    }
}
