package io.vtdoracle.properties.command;

import io.vtdoracle.api.SourceId;

/**
 * Scalable mode: the guest rewrites what it laid out on device {@code source}'s path above the PASID-table entry
 * (root-entry half, context entry, PASID directory entry) where adversarial moves changed it, then invalidates the
 * device's context-cache entry, the PASID cache and its domain's IOTLB (§6.5.3.3).
 */
public record RepairPath(SourceId source) implements Command {

    @Override
    public void issue(GuestView view) {
        if (!view.scalable()) {
            return;
        }
        view.scalableTables().repairPath(source);
        Integer did = view.attached().get(source);
        int flushed = did == null ? 0 : did;
        view.flushContext(source, flushed, view.path());
    }

    @Override
    public String toString() {
        return "repair the path of " + source;
    }
}
