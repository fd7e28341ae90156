package io.vtdoracle.model.invalidation;

/** The granularities of a PASID-cache invalidation (§6.5.2.2). */
public sealed interface PasidCacheInvalidation {

    /** G = 00b: the entries of this domain-id. */
    record Domain(int did) implements PasidCacheInvalidation {
    }

    /** G = 01b: the entries of this domain-id and PASID. */
    record Pasid(int did, int pasid) implements PasidCacheInvalidation {
    }

    /** G = 11b: every entry. */
    record Global() implements PasidCacheInvalidation {
    }
}
