package io.vtdoracle.properties.command;

/**
 * Adversarial: the guest sets (or clears again) {@code bits} in the live second-level entry of domain {@code did}
 * that translates {@code iova} at {@code level}, keeping the rest of the entry, without invalidating: reserved bits
 * (fault Ch), or bit 38 of a table pointer, which moves it beyond guest memory (fault 7h) and back. Nothing happens
 * when the path to that level is not present (or ends in a superpage above it).
 */
public record SetPteBits(int did, long iova, int level, long bits, boolean set) implements Command {

    @Override
    public void issue(GuestView view) {
        long at = LivePte.address(view, did, iova, level);
        if (at < 0) {
            return;
        }
        var driver = view.driver();
        long entry = driver.readWord(at);
        if ((entry & 3) == 0 && set) {
            return;
        }
        view.tamperTables();
        view.dirt().leaves(did, 0, Long.MAX_VALUE);
        driver.writeWord(at, set ? entry | bits : entry & ~bits);
    }

    @Override
    public String toString() {
        return String.format("%s bits 0x%x in d%d pte at 0x%x level %d", set ? "set" : "clear", bits, did, iova,
                level);
    }
}
