package io.vtdoracle.properties.command;

import io.vtdoracle.guest.Domain;

/**
 * Adversarial: the guest overwrites the second-level entry of domain {@code did} that translates {@code iova} at
 * {@code level} (reserved bits, a pointer outside memory, a stray superpage bit, a pointer back at the domain's top
 * table so that the tables alias each other…), without invalidating.
 */
public record CorruptPte(int did, long iova, int level, long value) implements Command {

    @Override
    public void issue(GuestView view) {
        Domain domain = view.domain(did);
        long table = domain.table();
        var driver = view.driver();
        for (int l = domain.levels(); l > level; l--) {
            long entry = driver.readWord(table + 8 * index(iova, l));
            if ((entry & 3) == 0 || (entry & 0x80) != 0) {
                return;
            }
            table = entry & ~0xFFFL & ((1L << view.capabilities().addressWidth()) - 1);
        }
        view.tamperTables();
        view.dirt().leaves(did, 0, Long.MAX_VALUE);
        driver.writeWord(table + 8 * index(iova, Math.min(level, domain.levels())), value);
    }

    private static long index(long iova, int level) {
        return (iova >>> (12 + 9 * (level - 1))) & 0x1FF;
    }

    @Override
    public String toString() {
        return String.format("corrupt d%d pte at 0x%x level %d = 0x%x", did, iova, level, value);
    }
}
