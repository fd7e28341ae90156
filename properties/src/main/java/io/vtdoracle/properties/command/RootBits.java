package io.vtdoracle.properties.command;

/**
 * Adversarial: the guest sets (or clears again) {@code bits} in the low qword of the root entry of {@code bus},
 * without invalidating: reserved bits (fault Ah), or bit 38 of the context-table pointer, which moves it beyond
 * guest memory (fault 9h) and back. Nothing happens to a root entry that is not present.
 */
public record RootBits(int bus, long bits, boolean set) implements Command {

    @Override
    public void issue(GuestView view) {
        long entry = view.rootTable() + 16L * bus;
        long low = view.driver().readWord(entry);
        if ((low & 1) == 0) {
            return;
        }
        view.tamperTables();
        view.dirt().bus(bus);
        view.driver().writeWord(entry, set ? low | bits : low & ~bits);
    }

    @Override
    public String toString() {
        return String.format("%s bits 0x%x in root[%d]", set ? "set" : "clear", bits, bus);
    }
}
