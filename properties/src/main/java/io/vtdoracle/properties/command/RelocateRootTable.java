package io.vtdoracle.properties.command;

import io.vtdoracle.api.Operation;
import io.vtdoracle.guest.Registers;

/** Adversarial: the guest latches a root table at {@code address} (e.g. outside memory), then restores nothing. */
public record RelocateRootTable(long address) implements Command {

    @Override
    public void issue(GuestView view) {
        view.taintRegisters();
        view.tamperTables();
        view.emit(new Operation.WriteRegister(Registers.RTADDR, 8, address));
        view.emit(new Operation.WriteRegister(Registers.GCMD, 4,
                Registers.SRTP | (view.translation() ? Registers.TE : 0)
                        | (view.queued() ? Registers.QIE : 0)
                        | (view.interruptRemapping() ? Registers.IRE : 0)
                        | (view.compatibilityFormat() ? Registers.CFI : 0)));
    }

    @Override
    public String toString() {
        return String.format("relocate root table to 0x%x", address);
    }
}
