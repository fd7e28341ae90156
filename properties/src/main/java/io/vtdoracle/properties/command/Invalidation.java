package io.vtdoracle.properties.command;

import io.vtdoracle.api.SourceId;
import io.vtdoracle.guest.Encoding;
import java.util.Optional;

/**
 * A cache invalidation a guest asks for (§6.5): its granularity and fields ({@code functionMask}: FM of a
 * device-selective context-cache invalidation, §10.4.7; {@code hint}: IH of a page-selective IOTLB invalidation,
 * "no paging-structure entry changed", §6.5.1.2).
 */
public record Invalidation(Kind kind, int did, SourceId source, long address, int addressMask, int functionMask,
                           boolean hint) {

    /**
     * The invalidations: context-cache and IOTLB (both paths), and in scalable mode, through the 256-bit queue only,
     * PASID-cache (domain-selective, PASID-selective within the domain, global; §6.5.2.2) and PASID-based IOTLB
     * (PASID-selective, page-selective within the PASID; §6.5.2.4), always for RID_PASID 0.
     */
    public enum Kind {
        CONTEXT_GLOBAL, CONTEXT_DOMAIN, CONTEXT_DEVICE, IOTLB_GLOBAL, IOTLB_DOMAIN, IOTLB_PAGE, PASID_CACHE_DOMAIN,
        PASID_CACHE_PASID, PASID_CACHE_GLOBAL, PIOTLB_PASID, PIOTLB_PAGE;

        /** Whether AM selects the pages (invalid beyond MAMV). */
        public boolean pageSelective() {
            return this == IOTLB_PAGE || this == PIOTLB_PAGE;
        }

        boolean isIotlbRegister() {
            return this == IOTLB_GLOBAL || this == IOTLB_DOMAIN || this == IOTLB_PAGE;
        }
    }

    /** The RID_PASID Linux gives a device's DMA (IOMMU_NO_PASID). */
    static final int RID_PASID = 0;

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

    public static Invalidation pasidCacheDomain(int did) {
        return new Invalidation(Kind.PASID_CACHE_DOMAIN, did, null, 0, 0, 0, false);
    }

    public static Invalidation pasidCachePasid(int did) {
        return new Invalidation(Kind.PASID_CACHE_PASID, did, null, 0, 0, 0, false);
    }

    public static Invalidation pasidCacheGlobal() {
        return new Invalidation(Kind.PASID_CACHE_GLOBAL, 0, null, 0, 0, 0, false);
    }

    public static Invalidation piotlbPasid(int did) {
        return new Invalidation(Kind.PIOTLB_PASID, did, null, 0, 0, 0, false);
    }

    public static Invalidation piotlbPage(int did, long address, int addressMask, boolean hint) {
        return new Invalidation(Kind.PIOTLB_PAGE, did, null, address, addressMask, 0, hint);
    }

    /**
     * First IOVA a page-selective invalidation covers: the address aligned down to 2^AM pages; 0 for AM ≥ 52, whose
     * block is the whole address space (§6.5.1.2).
     */
    public long first() {
        return kind.pageSelective() && 12 + addressMask < 64 ? address & ~((0x1000L << addressMask) - 1) : 0;
    }

    /** Last IOVA covered (every IOVA for AM ≥ 52, as for the other granularities). */
    public long last() {
        return kind.pageSelective() && 12 + addressMask < 64 ? first() + (0x1000L << addressMask) - 1
                : Long.MAX_VALUE;
    }

    /** The queued descriptor (§6.5.2.1 - §6.5.2.4), low and high qwords. */
    long[] descriptor() {
        long pasid = (long) RID_PASID << 32;
        long domain = (long) (did & 0xFFFF) << 16;
        switch (kind) {
            case CONTEXT_GLOBAL:
                return Encoding.contextGlobal();
            case CONTEXT_DOMAIN:
                return Encoding.contextDomain(did);
            case CONTEXT_DEVICE:
                return Encoding.contextDevice(did, source, functionMask);
            case IOTLB_GLOBAL:
                return Encoding.iotlbGlobal();
            case IOTLB_DOMAIN:
                return Encoding.iotlbDomain(did);
            case IOTLB_PAGE:
                return Encoding.iotlbPage(did, address, addressMask, hint);
            case PASID_CACHE_DOMAIN:
                return new long[] {7 | domain, 0};
            case PASID_CACHE_PASID:
                return new long[] {7 | 1 << 4 | domain | pasid, 0};
            case PASID_CACHE_GLOBAL:
                return new long[] {7 | 3 << 4, 0};
            case PIOTLB_PASID:
                return new long[] {6 | 2 << 4 | domain | pasid, 0};
            default:
                return new long[] {6 | 3 << 4 | domain | pasid, Encoding.iva(address, addressMask, hint)};
        }
    }

    /** The CCMD or IOTLB register command of a context-cache or IOTLB invalidation (§10.4.7, §10.4.8). */
    Optional<Long> register() {
        switch (kind) {
            case CONTEXT_GLOBAL:
                return Optional.of(Encoding.ccmd(1, 0, null, 0));
            case CONTEXT_DOMAIN:
                return Optional.of(Encoding.ccmd(2, did, null, 0));
            case CONTEXT_DEVICE:
                return Optional.of(Encoding.ccmd(3, did, source, functionMask));
            case IOTLB_GLOBAL:
                return Optional.of(Encoding.iotlbCommand(1, 0));
            case IOTLB_DOMAIN:
                return Optional.of(Encoding.iotlbCommand(2, did));
            case IOTLB_PAGE:
                return Optional.of(Encoding.iotlbCommand(3, did));
            default:
                return Optional.empty();
        }
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
            case PASID_CACHE_DOMAIN:
                return "pc-domain d" + did;
            case PASID_CACHE_PASID:
                return "pc-pasid d" + did;
            case PASID_CACHE_GLOBAL:
                return "pc-global";
            case PIOTLB_PASID:
                return "piotlb-pasid d" + did;
            case PIOTLB_PAGE:
                return String.format("piotlb-page d%d 0x%x am %d%s", did, address, addressMask, hint ? " ih" : "");
            default:
                return String.format("psi d%d 0x%x am %d%s", did, address, addressMask, hint ? " ih" : "");
        }
    }
}
