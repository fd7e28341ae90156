package io.vtdoracle.properties.command;

import io.vtdoracle.api.Permission;
import io.vtdoracle.guest.PageSize;

/**
 * The guest maps {@code count} leaves of {@code size} in domain {@code did} from {@code iova} to {@code target},
 * then flushes the range with a page-selective invalidation (domain-selective beyond MAMV), as Linux's
 * iommu_flush_iotlb_psi does.
 */
public record MapRange(int did, long iova, int count, PageSize size, long target, Permission permission,
                       Flush flush) implements Command {

    @Override
    public void issue(GuestView view) {
        for (int i = 0; i < count; i++) {
            view.mapLeaf(did, iova + i * size.bytes(), size, target + i * size.bytes(), permission);
        }
        flushRange(view, did, iova, count * size.bytes(), flush, false);
    }

    /**
     * Linux's PSI (P_IOTLB within RID_PASID for a first-stage domain): the smallest aligned power-of-two block
     * holding the range; DSI (PASID-selective P_IOTLB) if AM would exceed MAMV. A guest
     * with the {@link GuestHabit#DOMAIN_FLUSHES} habit always flushes the whole domain. {@code hint} sets IH (Linux
     * does after an unmap that freed no page-table page, as this driver's never do).
     */
    static void flushRange(GuestView view, int did, long iova, long bytes, Flush flush, boolean hint) {
        if (flush == Flush.FORGOTTEN) {
            return;
        }
        long first = iova >>> 12;
        long last = (iova + bytes - 1) >>> 12;
        int am = 0;
        while ((first >>> am) != (last >>> am)) {
            am++;
        }
        boolean page = am <= view.capabilities().maxAddressMaskValue() && view.habit() != GuestHabit.DOMAIN_FLUSHES;
        // a first-stage domain is flushed with P_IOTLB for its RID_PASID (Linux: cache_tag_flush_range)
        Invalidation invalidation = view.stage(did).equals("first-stage")
                ? (page ? Invalidation.piotlbPage(did, iova, am, hint) : Invalidation.piotlbPasid(did))
                : page ? Invalidation.iotlbPage(did, iova, am, hint) : Invalidation.iotlbDomain(did);
        view.invalidate(invalidation, flush.path(view));
    }

    @Override
    public String toString() {
        return String.format("map d%d 0x%x %dx%s -> 0x%x %s%s", did, iova, count, label(size), target, permission,
                flush.describe());
    }

    static String label(PageSize size) {
        return size == PageSize.SIZE_4K ? "4K" : size == PageSize.SIZE_2M ? "2M" : "1G";
    }
}
