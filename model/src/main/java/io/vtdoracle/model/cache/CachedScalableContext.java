package io.vtdoracle.model.cache;

import io.vtdoracle.api.SourceId;
import io.vtdoracle.model.roottable.ScalableContextEntry;

/** A scalable-mode context-cache entry (§6.2.1): the context entry an earlier request of {@code source} read. */
public record CachedScalableContext(SourceId source, ScalableContextEntry entry) implements CacheEntry {
}
