package io.vtdoracle.properties.command;

import io.vtdoracle.guest.Domain;

/**
 * Adversarial: the guest sets R and W (bits 1:0) of the live second-level entry of domain {@code did} that
 * translates {@code iova} at {@code level} to {@code rights}, keeping its address and other bits, without
 * invalidating: rights 0 make a not-present entry that still points at its table (§9.8), rights 3 make it present
 * again. Nothing happens when the path above that level is not present (or ends in a superpage above it).
 */
public record SetPteRights(int did, long iova, int level, int rights) implements Command {

    @Override
    public void issue(GuestView view) {
        Domain domain = view.domain(did);
        long table = domain.table();
        var driver = view.driver();
        int target = Math.min(level, domain.levels());
        for (int l = domain.levels(); l > target; l--) {
            long entry = driver.readWord(table + 8 * index(iova, l));
            if ((entry & 3) == 0 || (entry & 0x80) != 0) {
                return;
            }
            table = entry & ~0xFFFL & ((1L << view.capabilities().addressWidth()) - 1);
        }
        long at = table + 8 * index(iova, target);
        long entry = driver.readWord(at);
        if ((entry & ~0xFFFL) == 0) {
            return;
        }
        view.tamperTables();
        view.dirt().leaves(did, 0, Long.MAX_VALUE);
        driver.writeWord(at, entry & ~3L | rights & 3);
    }

    private static long index(long iova, int level) {
        return (iova >>> (12 + 9 * (level - 1))) & 0x1FF;
    }

    @Override
    public String toString() {
        return String.format("rights %d in d%d pte at 0x%x level %d", rights & 3, did, iova, level);
    }
}
