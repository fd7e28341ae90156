package io.vtdoracle.properties.command;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.SourceId;

/** A device's DMA request. */
public record Dma(SourceId source, long address, Access access) implements Command {

    @Override
    public void issue(GuestView view) {
        view.emit(new Operation.DmaRequest(source, address, access));
    }

    @Override
    public String toString() {
        return String.format("dma %s %s 0x%x", source, access == Access.READ ? "read" : "write", address);
    }
}
