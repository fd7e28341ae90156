package io.vtdoracle.model.cache;

import io.vtdoracle.model.invalidation.ContextInvalidation;
import io.vtdoracle.model.invalidation.IotlbInvalidation;

/**
 * What the context cache and the IOTLB may hold (§6.1, contract §3.1). SKELETON: owned by the caching chapter.
 */
public record Caches() {

    public static Caches empty() {
        return new Caches();
    }

    /** The caches after a context-cache invalidation. */
    public Caches invalidate(ContextInvalidation invalidation) {
        return this;
    }

    /** The caches after an IOTLB invalidation. */
    public Caches invalidate(IotlbInvalidation invalidation) {
        return this;
    }
}
