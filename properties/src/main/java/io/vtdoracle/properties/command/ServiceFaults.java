package io.vtdoracle.properties.command;

import io.vtdoracle.api.Operation;
import io.vtdoracle.guest.Registers;

/**
 * The guest's fault handler. Linux's: read FSTS, read and clear every fault recording register from the first,
 * then clear FSTS.PFO. {@code reversed} (another driver's habit): read FSTS, clear PFO first, then read and clear
 * the records from the last to the first (§7.2.1 leaves the order to software).
 */
public record ServiceFaults(boolean reversed) implements Command {

    /** Linux's order. */
    public ServiceFaults() {
        this(false);
    }

    @Override
    public void issue(GuestView view) {
        view.emit(new Operation.ReadRegister(Registers.FSTS, 4));
        if (reversed) {
            view.emit(new Operation.WriteRegister(Registers.FSTS, 4, Registers.PFO));
        }
        int records = view.capabilities().faultRecordingRegisters();
        for (int k = 0; k < records; k++) {
            int i = reversed ? records - 1 - k : k;
            view.emit(new Operation.ReadRegister(Registers.frcd(i), 8));
            view.emit(new Operation.ReadRegister(Registers.frcd(i) + 8, 8));
            view.emit(new Operation.WriteRegister(Registers.frcd(i) + 12, 4, 1L << 31));
        }
        if (!reversed) {
            view.emit(new Operation.WriteRegister(Registers.FSTS, 4, Registers.PFO));
        }
    }

    @Override
    public String toString() {
        return reversed ? "service faults (PFO first, last record first)" : "service faults";
    }
}
