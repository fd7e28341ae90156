package io.vtdoracle.properties.command;

import io.vtdoracle.api.SourceId;

/** The guest clears device {@code source}'s context entry, then invalidates its context and old domain. */
public record Detach(SourceId source, Flush flush) implements Command {

    @Override
    public void issue(GuestView view) {
        Integer did = view.attached().get(source);
        if (view.scalable()) {
            view.detachScalable(source, flush == Flush.FORGOTTEN ? null : flush.path(view));
            return;
        }
        view.writeContext(source, null, false, 0, 0);
        if (flush != Flush.FORGOTTEN) {
            int old = did == null ? 0 : did;
            view.invalidate(Invalidation.contextDevice(old, source), flush.path(view));
            view.invalidate(Invalidation.iotlbDomain(old), flush.path(view));
        }
    }

    @Override
    public String toString() {
        return "detach " + source + flush.describe();
    }
}
