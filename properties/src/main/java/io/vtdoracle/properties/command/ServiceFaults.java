package io.vtdoracle.properties.command;

import io.vtdoracle.api.Operation;
import io.vtdoracle.guest.Registers;

/** Linux's fault handler: read FSTS, read and clear every fault recording register, clear FSTS.PFO. */
public record ServiceFaults() implements Command {

    @Override
    public void issue(GuestView view) {
        view.emit(new Operation.ReadRegister(Registers.FSTS, 4));
        for (int i = 0; i < view.capabilities().faultRecordingRegisters(); i++) {
            view.emit(new Operation.ReadRegister(Registers.frcd(i), 8));
            view.emit(new Operation.ReadRegister(Registers.frcd(i) + 8, 8));
            view.emit(new Operation.WriteRegister(Registers.frcd(i) + 12, 4, 1L << 31));
        }
        view.emit(new Operation.WriteRegister(Registers.FSTS, 4, Registers.PFO));
    }

    @Override
    public String toString() {
        return "service faults";
    }
}
