package io.vtdoracle.properties.command;

import io.vtdoracle.api.SourceId;
import io.vtdoracle.guest.Encoding;

/** A device-TLB invalidation descriptor for {@code source} (§6.5.2.5), through the queue. */
public record DeviceTlbInvalidate(SourceId source, long address, boolean sizeBit) implements Command {

    @Override
    public void issue(GuestView view) {
        if (view.queueAddress() < 0) {
            return;
        }
        int slot = view.queueTail();
        view.submitAndWait(Encoding.deviceTlb(source, address, sizeBit));
        if (!view.capabilities().deviceTlb()) {
            view.recoverQueue(slot);
        }
    }

    @Override
    public String toString() {
        return String.format("dev-tlb-invalidate %s 0x%x%s", source, address, sizeBit ? " s" : "");
    }
}
