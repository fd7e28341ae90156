package io.vtdoracle.properties.command;

import io.vtdoracle.api.Operation;

/** The guest reads a register (any size and alignment). */
public record RegisterRead(int offset, int size) implements Command {

    @Override
    public void issue(GuestView view) {
        view.emit(new Operation.ReadRegister(offset, size));
    }

    @Override
    public String toString() {
        return String.format("read reg%d[0x%x]", size * 8, offset);
    }
}
