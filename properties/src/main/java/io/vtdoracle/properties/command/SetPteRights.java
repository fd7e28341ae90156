package io.vtdoracle.properties.command;

/**
 * Adversarial: the guest sets R and W (bits 1:0) of the live second-level entry of domain {@code did} that
 * translates {@code iova} at {@code level} to {@code rights}, keeping its address and other bits, without
 * invalidating: rights 0 make a not-present entry that still points at its table (§9.8), rights 3 make it present
 * again. Nothing happens when the path above that level is not present (or ends in a superpage above it).
 */
public record SetPteRights(int did, long iova, int level, int rights) implements Command {

    @Override
    public void issue(GuestView view) {
        long at = LivePte.address(view, did, iova, level);
        if (at < 0) {
            return;
        }
        var driver = view.driver();
        long entry = driver.readWord(at);
        if ((entry & ~0xFFFL) == 0) {
            return;
        }
        view.tamperTables();
        view.dirt().leaves(did, 0, Long.MAX_VALUE);
        driver.writeWord(at, entry & ~3L | rights & 3);
    }

    @Override
    public String toString() {
        return String.format("rights %d in d%d pte at 0x%x level %d", rights & 3, did, iova, level);
    }
}
