package io.vtdoracle.model.cache;

import io.vtdoracle.api.SourceId;
import io.vtdoracle.model.roottable.ContextEntry;

/** A context-cache entry (§6.2.2): a valid context entry as an earlier request of {@code source} read it. */
public record CachedContext(SourceId source, ContextEntry entry) implements CacheEntry {
}
