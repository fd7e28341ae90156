package io.vtdoracle.properties.command;

/** Adversarial: the guest writes any word anywhere (possibly into its own tables or outside memory). */
public record RawMemoryWrite(long address, long value) implements Command {

    @Override
    public void issue(GuestView view) {
        long queue = view.queueAddress();
        if (queue >= 0 && (address & ~0xFFFL) == queue) {
            view.breakQueue();
        }
        view.tamperTables();
        view.driver().writeWord(address, value);
    }

    @Override
    public String toString() {
        return String.format("raw mem[0x%x] = 0x%x", address, value);
    }
}
