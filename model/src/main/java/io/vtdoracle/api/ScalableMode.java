package io.vtdoracle.api;

/**
 * The scalable-mode knobs of a remapping unit (VT-d §3.4.3, §9.2 – §9.6), each a CAP_REG (§10.4.2) or ECAP_REG
 * (§10.4.3) bit. {@link #NONE} is a legacy-only unit. ECAP.PT (pass-through, PGTT = 100b) is
 * {@link Capabilities#passThrough()}, shared with legacy mode. Requests carry no PASID in this API: a request is
 * translated through its context entry's RID_PASID, so ECAP.PASID and PSS are not knobs (they stay 0).
 *
 * @param supported          ECAP.SMTS (bit 43): RTADDR_REG.TTM = 01b selects scalable-mode tables
 * @param secondStage        ECAP.SLTS (bit 46): PASID-table entries may select second-stage translation (PGTT 010b)
 * @param firstStage         ECAP.FLTS (bit 47): PASID-table entries may select first-stage translation (PGTT 001b)
 * @param supervisorRequests ECAP.SRS (bit 31): supervisor requests (and the PASID-table entry's SRE) are supported
 * @param firstStage1GiB     CAP.FS1GP (bit 56): first-stage 1 GiB pages; needs {@code firstStage}
 * @param firstStage5Level   CAP.FL5LP (bit 60): first-stage 5-level paging; needs {@code firstStage}
 */
public record ScalableMode(boolean supported, boolean secondStage, boolean firstStage, boolean supervisorRequests,
                           boolean firstStage1GiB, boolean firstStage5Level) {

    /** Legacy mode only (ECAP.SMTS = 0), as QEMU without {@code x-scalable-mode}. */
    public static final ScalableMode NONE = new ScalableMode(false, false, false, false, false, false);

    /** QEMU 10.0's {@code x-scalable-mode=on}: ECAP.SMTS, SRS and SLTS (second-stage only). */
    public static final ScalableMode QEMU_SECOND_STAGE = new ScalableMode(true, true, false, true, false, false);

    /** QEMU 10.0's {@code x-scalable-mode=on,x-flts=on}: ECAP.SMTS and FLTS, CAP.FS1GP (first-stage only). */
    public static final ScalableMode QEMU_FIRST_STAGE = new ScalableMode(true, false, true, false, true, false);

    /** Every scalable-mode knob on: both stages, supervisor requests, first-stage 1 GiB pages and 5-level paging. */
    public static final ScalableMode ALL = new ScalableMode(true, true, true, true, true, true);

    public ScalableMode {
        if (!supported && (secondStage || firstStage || supervisorRequests)) {
            throw new IllegalArgumentException("SLTS, FLTS and SRS need scalable mode (SMTS)");
        }
        if (!firstStage && (firstStage1GiB || firstStage5Level)) {
            throw new IllegalArgumentException("FS1GP and FL5LP need first-stage translation (FLTS)");
        }
    }
}
