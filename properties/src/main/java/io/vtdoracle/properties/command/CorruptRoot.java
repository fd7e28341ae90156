package io.vtdoracle.properties.command;

/** Adversarial: the guest overwrites the root entry of {@code bus} (reserved bits, a pointer outside memory). */
public record CorruptRoot(int bus, long low, long high) implements Command {

    @Override
    public void issue(GuestView view) {
        long entry = view.rootTable() + 16L * bus;
        view.tamperTables();
        view.dirt().bus(bus);
        view.driver().writeWord(entry + 8, high);
        view.driver().writeWord(entry, low);
    }

    @Override
    public String toString() {
        return String.format("corrupt root[%d] = (0x%x, 0x%x)", bus, low, high);
    }
}
