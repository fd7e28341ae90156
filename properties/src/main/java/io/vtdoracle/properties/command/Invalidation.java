package io.vtdoracle.properties.command;

import io.vtdoracle.api.SourceId;

/**
 * A cache invalidation a guest asks for (§6.5): its granularity and fields ({@code functionMask}: FM of a
 * device-selective context-cache invalidation, §10.4.7; {@code hint}: IH of a page-selective IOTLB invalidation,
 * "no paging-structure entry changed", §6.5.1.2).
 */
public record Invalidation(Kind kind, int did, SourceId source, long address, int addressMask, int functionMask,
                           boolean hint) {

    public enum Kind {
        CONTEXT_GLOBAL, CONTEXT_DOMAIN, CONTEXT_DEVICE, IOTLB_GLOBAL, IOTLB_DOMAIN, IOTLB_PAGE
    }

    public static Invalidation contextGlobal() {
        return new Invalidation(Kind.CONTEXT_GLOBAL, 0, null, 0, 0, 0, false);
    }

    public static Invalidation contextDomain(int did) {
        return new Invalidation(Kind.CONTEXT_DOMAIN, did, null, 0, 0, 0, false);
    }

    public static Invalidation contextDevice(int did, SourceId source) {
        return contextDevice(did, source, 0);
    }

    public static Invalidation contextDevice(int did, SourceId source, int functionMask) {
        return new Invalidation(Kind.CONTEXT_DEVICE, did, source, 0, 0, functionMask & 3, false);
    }

    /**
     * Whether a device-selective invalidation covers {@code device}: same bus, device and function, but for the
     * function bits FM masks (FM 1: bit 2, FM 2: bits 2:1, FM 3: bits 2:0).
     */
    public boolean covers(SourceId device) {
        int mask = 0xFFFF & ~((1 << functionMask) - 1 << (3 - functionMask));
        return (device.value() & mask) == (source.value() & mask);
    }

    public static Invalidation iotlbGlobal() {
        return new Invalidation(Kind.IOTLB_GLOBAL, 0, null, 0, 0, 0, false);
    }

    public static Invalidation iotlbDomain(int did) {
        return new Invalidation(Kind.IOTLB_DOMAIN, did, null, 0, 0, 0, false);
    }

    public static Invalidation iotlbPage(int did, long address, int addressMask) {
        return iotlbPage(did, address, addressMask, false);
    }

    public static Invalidation iotlbPage(int did, long address, int addressMask, boolean hint) {
        return new Invalidation(Kind.IOTLB_PAGE, did, null, address, addressMask, 0, hint);
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
                return "cc-device " + source + " d" + did + (functionMask == 0 ? "" : " fm " + functionMask);
            case IOTLB_GLOBAL:
                return "iotlb-global";
            case IOTLB_DOMAIN:
                return "iotlb-domain d" + did;
            default:
                return String.format("psi d%d 0x%x am %d%s", did, address, addressMask, hint ? " ih" : "");
        }
    }
}
