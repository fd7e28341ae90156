package io.vtdoracle.model.cache;

import io.vtdoracle.api.SourceId;
import io.vtdoracle.model.paging.Leaf;

/**
 * An IOTLB entry (§6.2.4): the leaf translation of an earlier successful request of {@code source}, tagged with
 * the domain-id of the context entry it was walked under.
 */
public record IotlbEntry(SourceId source, int domainId, Leaf leaf) implements CacheEntry {
}
