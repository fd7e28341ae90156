package io.vtdoracle.model.cache;

import io.vtdoracle.api.SourceId;
import io.vtdoracle.model.roottable.ContextFault;

/**
 * With caching mode, a root or context fault of {@code source} the context cache may hold (§6.1). Such entries
 * carry domain-id 0, the domain reserved for them when CAP.CM = 1, so a domain-selective invalidation of DID 0
 * covers them.
 */
public record CachedContextFault(SourceId source, ContextFault fault) implements CacheEntry {
}
