package io.vtdoracle.properties.command;

/**
 * Adversarial: the guest queues a garbage descriptor; with {@code recover} it then recovers as Linux does (the
 * descriptor replaced by a fence, IQE cleared, the tail written again).
 */
public record GarbageDescriptor(long low, long high, boolean recover) implements Command {

    @Override
    public void issue(GuestView view) {
        if (view.queueAddress() < 0) {
            return;
        }
        int slot = view.queueTail();
        view.tamperTables();
        view.submit(new long[] {low, high});
        if (recover) {
            view.recoverQueue(slot);
        } else {
            view.breakQueue();
        }
    }

    @Override
    public String toString() {
        return String.format("garbage descriptor (0x%x, 0x%x)%s", low, high, recover ? " + recover" : "");
    }
}
