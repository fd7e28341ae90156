package io.vtdoracle.properties.command;

import io.vtdoracle.api.Operation;
import io.vtdoracle.guest.Encoding;
import io.vtdoracle.guest.Registers;

/**
 * An invalidation wait descriptor with status write, interrupt flag and fence as given (SW+IF is legal, §6.5.2.8).
 * With the interrupt flag the guest then reads ICS and IECTL (IWC, IP) and, with {@code acknowledge}, clears IWC
 * (write 1 to clear, §10.4.25), which clears IECTL.IP; unacknowledged, the next wait with IF raises nothing.
 */
public record QueueWait(boolean statusWrite, boolean interrupt, boolean fence, boolean acknowledge) implements Command {

    @Override
    public void issue(GuestView view) {
        if (view.queueAddress() < 0) {
            return;
        }
        var driver = view.driver();
        view.submit(Encoding.invalidationWait(statusWrite, interrupt, fence, view.nextStatusData(),
                view.statusPage()));
        if (interrupt) {
            view.emit(new Operation.ReadRegister(Registers.ICS, 4));
            view.emit(new Operation.ReadRegister(Registers.IECTL, 4));
            if (acknowledge) {
                driver.writeRegister(Registers.ICS, 4, 1);
            }
        }
    }

    @Override
    public String toString() {
        return "wait" + (statusWrite ? " sw" : "") + (interrupt ? " if" : "") + (fence ? " fn" : "")
                + (interrupt && acknowledge ? " ack" : "");
    }
}
