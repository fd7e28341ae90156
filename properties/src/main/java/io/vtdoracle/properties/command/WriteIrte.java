package io.vtdoracle.properties.command;

/** The guest writes interrupt remapping table entry {@code index} (high qword, then low qword). */
public record WriteIrte(int index, long low, long high) implements Command {

    @Override
    public void issue(GuestView view) {
        if (view.interruptTable() >= 0) {
            view.driver().writeIrte(index, low, high);
        }
    }

    @Override
    public String toString() {
        return String.format("irte[%d] = %s vector 0x%x dst 0x%x svt %d sid 0x%x (0x%x, 0x%x)", index,
                (low & 1) != 0 ? "P" : "not-present", (low >>> 16) & 0xFF, low >>> 32, (high >>> 18) & 3,
                high & 0xFFFF, low, high);
    }
}
