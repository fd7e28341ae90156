package io.vtdoracle.properties.command;

import io.vtdoracle.api.SourceId;
import io.vtdoracle.guest.Domain;
import io.vtdoracle.guest.Encoding;

/**
 * The guest points device {@code source}'s context entry at domain {@code did} (a domain switch if it was attached
 * elsewhere), or makes it pass-through, then invalidates as Linux does with caching mode: device-selective
 * context-cache invalidation, then a domain-selective IOTLB invalidation. In scalable mode the device's RID_PASID
 * entry is (re)written instead (its context entry and PASID tables set up the first time, then flushed), followed
 * by a PASID-cache invalidation and a P_IOTLB or domain-selective IOTLB one for the old domain, as Linux does.
 */
public record Attach(SourceId source, int did, boolean passThrough, Flush flush) implements Command {

    @Override
    public void issue(GuestView view) {
        if (view.scalable()) {
            view.attachScalable(source, did, passThrough, flush == Flush.FORGOTTEN ? null : flush.path(view));
            return;
        }
        if (passThrough) {
            Domain domain = view.domain(did);
            view.writeContext(source, did, true, Encoding.contextEntryLow(0, Encoding.TT_PASS_THROUGH, false, true),
                    Encoding.contextEntryHigh(Encoding.addressWidthField(domain.levels()), did));
        } else {
            view.attach(source, did);
        }
        if (flush != Flush.FORGOTTEN) {
            view.invalidate(Invalidation.contextDevice(did, source), flush.path(view));
            view.invalidate(Invalidation.iotlbDomain(did), flush.path(view));
        }
    }

    @Override
    public String toString() {
        return String.format("attach %s to d%d%s%s", source, did, passThrough ? " pass-through" : "", flush.describe());
    }
}
