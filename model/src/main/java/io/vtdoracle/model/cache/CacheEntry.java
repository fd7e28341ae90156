package io.vtdoracle.model.cache;

/**
 * An entry the context-cache or the IOTLB may hold (§6.1, §6.2): what a request filled, tagged as the cache tags
 * it.
 */
public sealed interface CacheEntry permits CachedContext, CachedContextFault, IotlbEntry, CachedPageFault,
        CachedScalableContext, CachedPasidEntry, ScalableIotlbEntry {
}
