package io.vtdoracle.model.paging;

import io.vavr.collection.List;

/**
 * What a bounded enumeration of leaves found: the leaves in ascending IOVA order and whether it stopped early
 * because their weights added up to more than its limit (then the leaves are a prefix of the full enumeration).
 */
public record LeafScan(List<Leaf> leaves, boolean exceeded) {
}
