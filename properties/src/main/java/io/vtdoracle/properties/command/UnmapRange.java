package io.vtdoracle.properties.command;

import io.vtdoracle.guest.PageSize;

/**
 * The guest unmaps every leaf of domain {@code did} meeting {@code count} blocks of {@code size} from {@code iova}, and
 * flushes the range with IH set: no page-table page was freed (Linux's unmap path, §6.5.1.2).
 */
public record UnmapRange(int did, long iova, int count, PageSize size, Flush flush) implements Command {

    @Override
    public void issue(GuestView view) {
        view.unmapOverlapping(did, iova, iova + count * size.bytes() - 1);
        MapRange.flushRange(view, did, iova, count * size.bytes(), flush, true);
    }

    @Override
    public String toString() {
        return String.format("unmap d%d 0x%x %dx%s%s", did, iova, count, MapRange.label(size), flush.describe());
    }
}
