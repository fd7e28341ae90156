package io.vtdoracle.model.cache;

import io.vtdoracle.api.SourceId;
import io.vtdoracle.model.pasid.PasidGranularTranslationType;

/**
 * A scalable-mode IOTLB entry (§6.2.3, contract §9.9): the translation of an earlier successful request of
 * {@code source}, tagged by the domain-id and PASID it was found through and its kind (the PGTT then).
 */
public record ScalableIotlbEntry(SourceId source, int domainId, int pasid, PasidGranularTranslationType kind,
                                 CachedTranslation translation) implements CacheEntry {
}
