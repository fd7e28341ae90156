package io.vtdoracle.impl.state;

/**
 * The DMA-remapping state the guest latches through GCMD: whether translation is enabled (GSTS.TES) and the root
 * table address latched by the last SRTP (GSTS.RTPS).
 */
public final class RemappingState {

    private boolean translationEnabled;
    private boolean rootTablePointerSet;
    private long rootTable;

    public boolean translationEnabled() {
        return translationEnabled;
    }

    public void translationEnabled(boolean enabled) {
        translationEnabled = enabled;
    }

    public boolean rootTablePointerSet() {
        return rootTablePointerSet;
    }

    /** The latched root table address (0 before the first SRTP). */
    public long rootTable() {
        return rootTable;
    }

    /** SRTP: latches the root table address and sets RTPS. */
    public void latchRootTable(long address) {
        rootTable = address;
        rootTablePointerSet = true;
    }
}
