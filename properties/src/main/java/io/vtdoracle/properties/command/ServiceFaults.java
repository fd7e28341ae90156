package io.vtdoracle.properties.command;

import io.vtdoracle.api.Operation;
import io.vtdoracle.guest.Registers;

/**
 * The guest's fault handler. Linux's (dmar_fault): read FSTS, read and clear every fault recording register from the
 * first, then clear FSTS.PFO. {@code reversed} (another driver's habit): read FSTS, clear PFO first, then read and
 * clear the records from the last to the first (§7.2.1 leaves the order to software). The handler reads FECTL first
 * (IP shows a fault event held back by IM) and ends by writing FECTL: unmasked, or with {@code leaveMasked} masked
 * (the driver disabling the fault interrupt and polling, so later faults set IP, §7.3); the driver's
 * {@link ReadBacks} show each clear.
 */
public record ServiceFaults(boolean reversed, boolean leaveMasked) implements Command {

    /** Linux's order, the fault event left unmasked. */
    public ServiceFaults() {
        this(false, false);
    }

    @Override
    public void issue(GuestView view) {
        var driver = view.driver();
        view.emit(new Operation.ReadRegister(Registers.FECTL, 4));
        view.emit(new Operation.ReadRegister(Registers.FSTS, 4));
        if (reversed) {
            driver.writeRegister(Registers.FSTS, 4, Registers.PFO);
        }
        int records = view.capabilities().faultRecordingRegisters();
        for (int k = 0; k < records; k++) {
            int i = reversed ? records - 1 - k : k;
            view.emit(new Operation.ReadRegister(Registers.frcd(i), 8));
            view.emit(new Operation.ReadRegister(Registers.frcd(i) + 8, 8));
            driver.writeRegister(Registers.frcd(i) + 12, 4, 1L << 31);
        }
        if (!reversed) {
            driver.writeRegister(Registers.FSTS, 4, Registers.PFO);
        }
        driver.writeRegister(Registers.FECTL, 4, leaveMasked ? Registers.IM & 0xFFFF_FFFFL : 0);
    }

    @Override
    public String toString() {
        return (reversed ? "service faults (PFO first, last record first)" : "service faults")
                + (leaveMasked ? ", fault event left masked" : "");
    }
}
