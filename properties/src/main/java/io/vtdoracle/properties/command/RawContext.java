package io.vtdoracle.properties.command;

import io.vtdoracle.api.SourceId;

/**
 * Adversarial: the guest writes a raw context entry for {@code source} (bad AW or TT, reserved bits, tables outside
 * memory), then invalidates it device-selectively.
 */
public record RawContext(SourceId source, long low, long high, Flush flush) implements Command {

    @Override
    public void issue(GuestView view) {
        view.tamperTables();
        view.writeContext(source, null, false, low, high);
        if (flush != Flush.FORGOTTEN) {
            view.invalidate(Invalidation.contextDevice((int) (high >>> 8) & 0xFFFF, source), flush.path(view));
        }
    }

    @Override
    public String toString() {
        return String.format("raw context %s = (0x%x, 0x%x)%s", source, low, high, flush.describe());
    }
}
