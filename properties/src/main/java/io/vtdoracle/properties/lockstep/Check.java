package io.vtdoracle.properties.lockstep;

/** What a lockstep run checks besides "never throws". */
public enum Check {
    /** Every outcome of the implementation is one the reference model allows (the model state follows it). */
    REFINEMENT,
    /** A VFIO type1 container following each MAP+UNMAP listener never refuses a MAP or an UNMAP. */
    TYPE1,
    /** Every listener event is a naturally aligned block inside its listener's range, outside the window. */
    EVENT_CONTAINMENT,
    /** After an IOTLB invalidation, listeners equal the page tables inside the invalidated range (exactly-once). */
    SYNC_AFTER_IOTLB_INVALIDATION,
    /** After a context invalidation, a TE change or a replay, listeners equal a full walk. */
    SYNC_AFTER_CONTEXT_INVALIDATION,
    /** Requests to the interrupt window are never DMA, never cause listener events. */
    INTERRUPT_WINDOW,
    /** Interrupt requests give what a direct decoding of the IRTE gives. */
    IRTE_DECODING,
    /** Once the matching invalidation is done, a request gives what a fresh walk gives. */
    CACHE_TRANSPARENCY,
    /** Run the reference model too (it must not throw either), even when nothing is compared. */
    RUN_MODEL
}
