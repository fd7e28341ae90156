package io.vtdoracle.impl.cache;

/**
 * The tag of an {@link Iotlb} entry: the domain-id (15:0) and the kind of translation (37:36): legacy mode, or a
 * scalable-mode first-stage, second-stage or pass-through translation (VT-d §6.2.3), which also carries the PASID it
 * was found through (35:16) and, for the first stage, whether the walk that filled it was a write's (38: it set D,
 * so the entry may answer writes, contract §9.9).
 */
public final class IotlbTag {

    public static final long DID = 0xFFFFL;
    public static final long PASID = 0xF_FFFFL << 16;
    public static final long KIND = 3L << 36;
    public static final long LEGACY = 0;
    public static final long FIRST_STAGE = 1L << 36;
    public static final long SECOND_STAGE = 2L << 36;
    public static final long PASS_THROUGH = 3L << 36;
    public static final long WRITTEN = 1L << 38;

    private IotlbTag() {
    }

    /** The tag of a legacy-mode translation of domain {@code did}. */
    public static long legacy(int did) {
        return did;
    }

    /** The tag of a scalable-mode translation of {@code kind} for {@code did} and {@code pasid}. */
    public static long scalable(long kind, int did, int pasid) {
        return kind | (long) pasid << 16 | did;
    }

    /** The tag bits naming {@code did} and {@code pasid}. */
    public static long domainAndPasid(int did, int pasid) {
        return (long) pasid << 16 | did;
    }
}
