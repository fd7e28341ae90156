package io.vtdoracle.model.notifier;

/**
 * A piece a listener holds: what it was told, the span of the leaf it was cut from (an invalidation that touches
 * the leaf removes it whole, §10.4.8.2) and the domain-id of the context entry it was found through (an
 * IOTLB entry's tag, §6.2).
 */
public record ShadowEntry(Piece piece, IovaRange leaf, int domain) {
}
