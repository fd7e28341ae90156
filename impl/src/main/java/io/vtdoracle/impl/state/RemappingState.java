package io.vtdoracle.impl.state;

/**
 * The DMA-remapping state the guest latches through GCMD: whether translation is enabled (GSTS.TES) and the root
 * table address and translation table mode latched by the last SRTP (GSTS.RTPS).
 */
public final class RemappingState {

    private boolean translationEnabled;
    private boolean rootTablePointerSet;
    private long rootTable;
    private int tableMode;

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

    /**
     * The latched translation table mode RTADDR.TTM (§10.4.6): 0 legacy, 1 scalable, 2 and 3 invalid (always 0 for
     * a unit without ECAP.SMTS).
     */
    public int tableMode() {
        return tableMode;
    }

    /** SRTP: latches the root table address and the table mode, and sets RTPS. */
    public void latchRootTable(long address, int mode) {
        rootTable = address;
        tableMode = mode;
        rootTablePointerSet = true;
    }
}
