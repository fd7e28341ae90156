package io.vtdoracle.properties.command;

import io.vtdoracle.api.Operation;
import io.vtdoracle.api.SourceId;

/** A device's dword write: an interrupt request inside the window, a DMA write outside it. */
public record Interrupt(SourceId source, long address, int data) implements Command {

    @Override
    public void issue(GuestView view) {
        view.emit(new Operation.InterruptRequest(source, address, data));
    }

    @Override
    public String toString() {
        return String.format("irq %s addr 0x%x data 0x%x", source, address, data);
    }
}
