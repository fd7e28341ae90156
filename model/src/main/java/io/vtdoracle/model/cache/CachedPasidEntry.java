package io.vtdoracle.model.cache;

import io.vtdoracle.api.SourceId;
import io.vtdoracle.model.pasid.PasidTableEntry;

/**
 * A PASID-cache entry (§6.2.2): the PASID-table entry of {@code pasid} an earlier request of {@code source} reached,
 * with its PASID directory entry's FPD; tagged by the entry's domain-id.
 */
public record CachedPasidEntry(SourceId source, int pasid, boolean directoryFaultProcessingDisabled,
                               PasidTableEntry entry) implements CacheEntry {
}
