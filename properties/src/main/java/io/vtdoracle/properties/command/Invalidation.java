package io.vtdoracle.properties.command;

import io.vtdoracle.api.SourceId;

/** A cache invalidation a guest asks for (§6.5): its granularity and fields. */
public record Invalidation(Kind kind, int did, SourceId source, long address, int addressMask) {

    public enum Kind {
        CONTEXT_GLOBAL, CONTEXT_DOMAIN, CONTEXT_DEVICE, IOTLB_GLOBAL, IOTLB_DOMAIN, IOTLB_PAGE
    }

    public static Invalidation contextGlobal() {
        return new Invalidation(Kind.CONTEXT_GLOBAL, 0, null, 0, 0);
    }

    public static Invalidation contextDomain(int did) {
        return new Invalidation(Kind.CONTEXT_DOMAIN, did, null, 0, 0);
    }

    public static Invalidation contextDevice(int did, SourceId source) {
        return new Invalidation(Kind.CONTEXT_DEVICE, did, source, 0, 0);
    }

    public static Invalidation iotlbGlobal() {
        return new Invalidation(Kind.IOTLB_GLOBAL, 0, null, 0, 0);
    }

    public static Invalidation iotlbDomain(int did) {
        return new Invalidation(Kind.IOTLB_DOMAIN, did, null, 0, 0);
    }

    public static Invalidation iotlbPage(int did, long address, int addressMask) {
        return new Invalidation(Kind.IOTLB_PAGE, did, null, address, addressMask);
    }

    /** First IOVA a page-selective invalidation covers: the address aligned down to 2^AM pages. */
    public long first() {
        return kind == Kind.IOTLB_PAGE ? address & ~((0x1000L << addressMask) - 1) : 0;
    }

    /** Last IOVA covered. */
    public long last() {
        return kind == Kind.IOTLB_PAGE ? first() + (0x1000L << addressMask) - 1 : Long.MAX_VALUE;
    }

    @Override
    public String toString() {
        switch (kind) {
            case CONTEXT_GLOBAL:
                return "cc-global";
            case CONTEXT_DOMAIN:
                return "cc-domain d" + did;
            case CONTEXT_DEVICE:
                return "cc-device " + source + " d" + did;
            case IOTLB_GLOBAL:
                return "iotlb-global";
            case IOTLB_DOMAIN:
                return "iotlb-domain d" + did;
            default:
                return String.format("psi d%d 0x%x am %d", did, address, addressMask);
        }
    }
}
