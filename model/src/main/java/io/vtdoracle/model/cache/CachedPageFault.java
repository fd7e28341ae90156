package io.vtdoracle.model.cache;

import io.vtdoracle.api.FaultReason;
import io.vtdoracle.api.SourceId;

/**
 * With caching mode, a faulting translation (steps 5–8 of contract §3) the IOTLB may hold (§6.1): the 4 KiB
 * {@code page} of a request of {@code source} under domain {@code domainId} faulted with {@code reason}.
 */
public record CachedPageFault(SourceId source, int domainId, long page, FaultReason reason)
        implements CacheEntry {
}
