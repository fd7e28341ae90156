package io.vtdoracle.api;

/** What a listener asks to be told (QEMU's IOMMU notifier flags). */
public enum ListenerFlag {
    /** New or changed mappings: needs caching mode, since only then does the guest invalidate after mapping. */
    MAP,
    /** Removed or changed mappings, and for UNMAP-only listeners every invalidated range. */
    UNMAP,
    /** Device-TLB invalidations (vhost's device IOTLB). Needs device-TLB support (ECAP.DT). */
    DEVICE_IOTLB_UNMAP
}
