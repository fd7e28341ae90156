package io.vtdoracle.properties.command;

import io.vtdoracle.guest.Domain;

/**
 * Adversarial: the guest sets (or clears again) {@code bits} in the live second-level entry of domain {@code did}
 * that translates {@code iova} at {@code level}, keeping the rest of the entry, without invalidating: reserved bits
 * (fault Ch), or bit 38 of a table pointer, which moves it beyond guest memory (fault 7h) and back. Nothing happens
 * when the path to that level is not present (or ends in a superpage above it).
 */
public record SetPteBits(int did, long iova, int level, long bits, boolean set) implements Command {

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
        if ((entry & 3) == 0 && set) {
            return;
        }
        view.tamperTables();
        view.dirt().leaves(did, 0, Long.MAX_VALUE);
        driver.writeWord(at, set ? entry | bits : entry & ~bits);
    }

    private static long index(long iova, int level) {
        return (iova >>> (12 + 9 * (level - 1))) & 0x1FF;
    }

    @Override
    public String toString() {
        return String.format("%s bits 0x%x in d%d pte at 0x%x level %d", set ? "set" : "clear", bits, did, iova,
                level);
    }
}
