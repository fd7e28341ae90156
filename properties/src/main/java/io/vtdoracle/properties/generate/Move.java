package io.vtdoracle.properties.generate;

/**
 * The kinds of commands, in the fixed order generators choose among them (weights depend on the profile and the
 * state, the encoding of a choice does not). New moves go at the end, so existing scripts keep their meaning.
 */
public enum Move {
    MAP, UNMAP, ATTACH, DETACH, TRANSLATION, INVALIDATE, WAIT, IRTE, COMPATIBILITY, SERVICE_FAULTS, DEVICE_TLB,
    DMA, INTERRUPT, LISTEN, LISTEN_VFIO, UNLISTEN, REPLAY,
    RAW_MEMORY, CORRUPT_PTE, CORRUPT_ROOT, RAW_CONTEXT, RAW_REGISTER, REGISTER_READ, GARBAGE_DESCRIPTOR,
    RELOCATE_ROOT,
    /** Probes ({@link io.vtdoracle.properties.command.Probe}): short scenarios ending in a state worth checking. */
    STALE_PROBE, FAULT_PROBE, SPLIT_PROBE, IRQ_PROBE,
    /** Probes across the device space ({@link DeviceSpaceGens}): buses, functions, shared domains, source-ids. */
    TWIN_PROBE, SIBLING_PROBE, FUNCTION_MASK_PROBE, SOURCE_ID_PROBE,
    /** A guest with the root-reprogramming habit moves its root table while running. */
    REPROGRAM_ROOT,
    /** A device making the access its one-sided mapping denies, after the granted one ({@link ProbeGens#rights}). */
    RIGHTS_PROBE,
    /** A buffer released page by page under VFIO's listeners ({@link ProbeGens#partialUnmap}). */
    PARTIAL_UNMAP_PROBE,
    /** A device with VFIO's listeners moved through five domains ({@link ProbeGens#domainHops}). */
    DOMAIN_HOPS_PROBE,
    /** A forgotten invalidation sent late, before the next DMA ({@link CacheProbeGens#lateInvalidation}). */
    STALE_LATE_PROBE,
    /** A device-TLB invalidation of the whole address space ({@link CacheProbeGens#deviceTlbWholeSpace}). */
    DEVICE_TLB_WHOLE_SPACE_PROBE,
    /** A not-present entry above level 1 over a reserved bit ({@link CacheProbeGens#notPresentAboveLeaf}). */
    NOT_PRESENT_ABOVE_LEAF_PROBE,
    /** An IRTE starting at the end of guest memory ({@link CacheProbeGens#irteAtMemoryEnd}). */
    IRTE_AT_MEMORY_END_PROBE,
    /** A root or context pointer with a bit at or above the HAW ({@link CacheProbeGens#pointerBeyondHaw}). */
    POINTER_BEYOND_HAW_PROBE,
    /** Read-backs of status and command registers ({@link StatusProbeGens}): the queue stalled by IQE, PFO kept by
     *  FSTS writes of other bits, IWC kept by ICS writes of 0, CCMD and IOTLB_REG written without ICC / IVT, faults
     *  under a context entry with FPD = 1. */
    QUEUE_ERROR_PROBE, FAULT_OVERFLOW_PROBE, COMPLETION_STATUS_PROBE, UNREQUESTED_INVALIDATION_PROBE, FPD_PROBE,
    /** Scalable mode: a device given another RID_PASID under its domain-id ({@link ScalableCacheProbeGens}). */
    RID_PASID_PROBE,
    /** Scalable mode: a first-stage buffer released with one P_IOTLB of AM > 0 ({@link ScalableCacheProbeGens}). */
    PIOTLB_RANGE_PROBE,
    /** Scalable mode: a fault probe under FPD in the PASID-table or directory entry ({@link ScalableProbeGens}). */
    PASID_FPD_PROBE,
    /** A buffer whose target frames run into the interrupt window, under VFIO's listeners ({@link ListenerProbeGens}). */
    WINDOW_RUN_PROBE,
    /** A superpage of a run split or merged without its invalidation, then a PSI inside it ({@link ListenerProbeGens}). */
    SUPERPAGE_RESHAPE_PROBE,
    /** Pages mapped and unmapped in many 2 MiB blocks, then a listener replayed ({@link ListenerProbeGens}). */
    EMPTIED_TABLES_PROBE,
    /** A listener whose range starts or ends inside a page, then pages mapped across that end ({@link ListenerProbeGens}). */
    UNALIGNED_LISTENER_PROBE,
    /** Pages mapped one by one with descending targets, then one invalidation over them ({@link ListenerProbeGens}). */
    DESCENDING_RUN_PROBE,
    /** Devices on both sides of a scalable root entry's halves (devfn 127/0, 128/255) in two domains
     *  ({@link DeviceSpaceGens#halfBoundary}). */
    HALF_BOUNDARY_PROBE,
    /** Scalable mode: a PASID-selective PASID-cache invalidation for PASID 0 while a listened device of its domain
     *  is on another RID_PASID, its entry changed ({@link ListenerProbeGens#pasidSelectiveSkip}). */
    PASID_SELECTIVE_SKIP_PROBE,
    /** Pages mapped one by one to frames that repeat or go back by one or two, then one invalidation over them
     *  ({@link ListenerProbeGens}). */
    SHARED_FRAMES_PROBE,
    /** A level-3 entry pointed at a 4 KiB table, then a domain-selective invalidation ({@link ListenerProbeGens}). */
    ALIASED_TABLES_PROBE;

    /** Whether the move is adversarial (a guest or VMM doing what Linux and QEMU never do). */
    public boolean adversarial() {
        return ordinal() >= RAW_MEMORY.ordinal() && ordinal() <= RELOCATE_ROOT.ordinal();
    }
}
