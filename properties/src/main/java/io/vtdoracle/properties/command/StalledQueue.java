package io.vtdoracle.properties.command;

import io.vtdoracle.guest.Encoding;
import io.vtdoracle.guest.Registers;

/**
 * A driver that mishandles an invalidation queue error (§6.5.2.10): it queues an invalid descriptor (FSTS.IQE is set,
 * IQH stays at it), writes FSTS with other status bits ({@code otherStatus} without IQE: IQE must stay set,
 * §10.4.9), overwrites the bad slot with a fence and queues a wait descriptor with status write, moving the tail
 * while IQE is still set (the unit must fetch nothing: IQH stays, the status word is not written), and only then
 * clears IQE and writes the tail again as Linux does, so the fence and the wait run. The driver's read-backs show
 * FSTS, IQH and the status word after every step.
 */
public record StalledQueue(long low, long high, int otherStatus) implements Command {

    @Override
    public void issue(GuestView view) {
        if (view.queueAddress() < 0) {
            return;
        }
        int slot = view.queueTail();
        view.submit(new long[] {low, high});
        view.driver().writeRegister(Registers.FSTS, 4, otherStatus & ~Registers.IQE & 0xFFFF_FFFFL);
        view.repairQueue(slot);
        view.submit(Encoding.invalidationWait(true, false, false, view.nextStatusData(), view.statusPage()));
        view.resumeQueue();
    }

    @Override
    public String toString() {
        return String.format("stalled queue: invalid descriptor (0x%x, 0x%x), fsts = 0x%x, fence over it, wait sw"
                + " queued before IQE is cleared", low, high, otherStatus & ~Registers.IQE);
    }
}
