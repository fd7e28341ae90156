package io.vtdoracle.model.invalidation;

/** The granularities of a PASID-based IOTLB invalidation, P_IOTLB (§6.5.2.4). */
public sealed interface PasidIotlbInvalidation {

    /** The domain-id and PASID the invalidation selects. */
    int did();

    int pasid();

    /** G = 10b: all mappings of this domain-id and PASID. */
    record Pasid(int did, int pasid) implements PasidIotlbInvalidation {
    }

    /** G = 11b: the mappings of {@code page}'s range, domain-id and this PASID (page-selective-within-PASID). */
    record PageWithinPasid(int pasid, IotlbInvalidation.Page page) implements PasidIotlbInvalidation {

        @Override
        public int did() {
            return page.did();
        }
    }
}
