package io.vtdoracle.properties.command;

import io.vtdoracle.api.SourceId;
import java.util.ArrayList;
import java.util.List;

/**
 * Something that, once done, must leave listeners in sync with the page tables (contract §7.3, §7.5): an
 * invalidation that was performed, a translation enable change, or a replay. {@code first..last} is the IOVA range
 * (everything but for page-selective invalidations).
 */
public record SyncScope(Kind kind, int did, SourceId source, long first, long last, int listener) {

    public enum Kind {
        IOTLB_GLOBAL, IOTLB_DOMAIN, IOTLB_PAGE, CONTEXT_GLOBAL, CONTEXT_DOMAIN, CONTEXT_DEVICE, PASID_CACHE_DOMAIN,
        PASID_CACHE_PASID, PASID_CACHE_GLOBAL, PIOTLB_PASID, PIOTLB_PAGE, TRANSLATION, REPLAY;

        /** Whether only a scalable-mode guest performs it (PASID-cache, P_IOTLB: 256-bit descriptors). */
        public boolean scalableOnly() {
            return name().startsWith("PASID_CACHE") || name().startsWith("PIOTLB");
        }
    }

    public static SyncScope of(Invalidation invalidation) {
        Kind kind = Kind.valueOf(invalidation.kind().name());
        return new SyncScope(kind, invalidation.did(), invalidation.source(), invalidation.first(),
                invalidation.last(), 0);
    }

    /**
     * The scopes of {@code invalidation}: one, but a device-selective invalidation with a function mask covers
     * every one of {@code devices} whose SID it matches (§10.4.7), each a device-selective scope of its own.
     */
    public static List<SyncScope> of(Invalidation invalidation, List<SourceId> devices) {
        if (invalidation.kind() != Invalidation.Kind.CONTEXT_DEVICE || invalidation.functionMask() == 0) {
            return List.of(of(invalidation));
        }
        List<SyncScope> scopes = new ArrayList<>();
        scopes.add(of(invalidation));
        for (SourceId device : devices) {
            if (!device.equals(invalidation.source()) && invalidation.covers(device)) {
                scopes.add(new SyncScope(Kind.CONTEXT_DEVICE, invalidation.did(), device, 0, Long.MAX_VALUE, 0));
            }
        }
        return scopes;
    }

    public static SyncScope translation() {
        return new SyncScope(Kind.TRANSLATION, 0, null, 0, Long.MAX_VALUE, 0);
    }

    public static SyncScope replay(int listener) {
        return new SyncScope(Kind.REPLAY, 0, null, 0, Long.MAX_VALUE, listener);
    }

    /** Whether this is an IOTLB invalidation (exactly-once), rather than a context one, a TE change or a replay. */
    public boolean isIotlb() {
        return kind == Kind.IOTLB_GLOBAL || kind == Kind.IOTLB_DOMAIN || kind == Kind.IOTLB_PAGE;
    }
}
