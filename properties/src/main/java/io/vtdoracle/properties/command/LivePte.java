package io.vtdoracle.properties.command;

import io.vtdoracle.guest.Domain;

/** Where the live second-level entry of a domain that translates an IOVA at a level is, in the tables as they are. */
final class LivePte {

    private LivePte() {
    }

    /**
     * The entry's guest-physical address, or -1 when the path above {@code level} is not present or ends in a
     * superpage above it (a level beyond the domain's is its top level).
     */
    static long address(GuestView view, int did, long iova, int level) {
        Domain domain = view.domain(did);
        long table = domain.table();
        int target = Math.min(level, domain.levels());
        for (int l = domain.levels(); l > target; l--) {
            long entry = view.driver().readWord(table + 8 * index(iova, l));
            if ((entry & 3) == 0 || (entry & 0x80) != 0) {
                return -1;
            }
            table = entry & ~0xFFFL & ((1L << view.capabilities().addressWidth()) - 1);
        }
        return table + 8 * index(iova, target);
    }

    private static long index(long iova, int level) {
        return (iova >>> (12 + 9 * (level - 1))) & 0x1FF;
    }
}
