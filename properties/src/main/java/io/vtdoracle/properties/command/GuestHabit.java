package io.vtdoracle.properties.command;

/**
 * The order in which a guest driver programs the unit: Linux's intel-iommu order is one of several the
 * architecture allows. Drawn once per case at power-on; each habit changes one part of the programming.
 */
public enum GuestHabit {
    /** Linux's intel-iommu: IQT = 0, IQA, QIE, then descriptors; page-selective flushes; faults serviced in order. */
    LINUX("linux"),
    /**
     * The boot's descriptors (global context-cache and IOTLB invalidations, with waits) are written to the queue
     * and IQT moved past them before GCMD.QIE is set: the unit processes them when the queue is enabled (§6.5.2).
     */
    QUEUE_BEFORE_ENABLE("queue-before-enable"),
    /** No invalidation queue at all: every invalidation goes through CCMD and IOTLB_REG (§6.5.1). */
    REGISTER_ONLY("register-only"),
    /** Maps and unmaps are flushed with domain-selective IOTLB invalidations, never page-selective ones. */
    DOMAIN_FLUSHES("domain-flushes"),
    /** The fault handler clears PFO first and the fault records from the last to the first (§7.2.1). */
    FAULTS_REVERSED("faults-reversed"),
    /**
     * The guest moves its root table while running (copy, SRTP, then global context-cache and IOTLB
     * invalidations, §10.4.4), as a kexec'd kernel or a firmware hand-over does.
     */
    ROOT_REPROGRAMMING("root-reprogramming");

    private final String label;

    GuestHabit(String label) {
        this.label = label;
    }

    /** The habit's name in scripts and coverage labels. */
    public String label() {
        return label;
    }
}
