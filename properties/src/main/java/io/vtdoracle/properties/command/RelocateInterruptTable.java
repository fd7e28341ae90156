package io.vtdoracle.properties.command;

import io.vtdoracle.api.Operation;
import io.vtdoracle.guest.Registers;

/**
 * Adversarial: the guest points IRTA at {@code address} with size field {@code sizeField} (2^(S+1) entries, EIME as
 * the view's) and latches it with SIRTP (§10.4.29), keeping the other GCMD bits, without invalidating the
 * interrupt-entry cache. The view keeps its table: its IRTE writes still go to the table it allocated.
 */
public record RelocateInterruptTable(long address, int sizeField) implements Command {

    @Override
    public void issue(GuestView view) {
        view.taintRegisters();
        view.emit(new Operation.WriteRegister(Registers.IRTA, 8,
                address | (view.extendedInterrupts() ? 1 << 11 : 0) | sizeField & 0xF));
        view.emit(new Operation.WriteRegister(Registers.GCMD, 4,
                Registers.SIRTP | (view.translation() ? Registers.TE : 0)
                        | (view.queued() ? Registers.QIE : 0)
                        | (view.interruptRemapping() ? Registers.IRE : 0)
                        | (view.compatibilityFormat() ? Registers.CFI : 0)));
    }

    @Override
    public String toString() {
        return String.format("relocate interrupt table to 0x%x size field %d", address, sizeField);
    }
}
