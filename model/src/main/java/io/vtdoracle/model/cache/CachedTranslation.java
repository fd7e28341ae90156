package io.vtdoracle.model.cache;

import io.vtdoracle.model.paging.Leaf;

/**
 * A scalable-mode IOTLB entry's translation (§6.2.3, contract §9.9): the leaf an earlier request reached, and
 * whether it may answer a write. A first-stage translation filled by a read may not: a write must walk again to set
 * the D bit (§3.6.2). Second-stage and pass-through translations answer both (their permission is checked).
 */
public record CachedTranslation(Leaf leaf, boolean answersWrites) {
}
