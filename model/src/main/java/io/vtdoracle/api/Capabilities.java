package io.vtdoracle.api;

/**
 * The knobs a VMM exposes for its emulated remapping unit. They decide what CAP_REG and ECAP_REG report and what
 * the unit does. {@link #DEFAULT} mirrors QEMU's {@code -device intel-iommu,intremap=on,eim=off,caching-mode=on}
 * (QEMU 7.2: 39-bit address width, 2M and 1G superpages, one fault recording register, MAMV 18, pass-through).
 *
 * @param addressWidth            host and guest address width in bits, 39 (3-level tables) or 48 (4-level and
 *                                3-level); CAP.MGAW is this minus one and SAGAW has the matching bits
 * @param cachingMode             CAP.CM: not-present and faulting entries may be cached, so the guest invalidates
 *                                after making entries present
 * @param superpages              CAP.SLLPS for 2 MiB and 1 GiB second-level pages
 * @param faultRecordingRegisters how many fault recording registers (CAP.NFR + 1), 1 to 256
 * @param interruptRemapping      ECAP.IR
 * @param extendedInterruptMode   ECAP.EIM (x2APIC destinations); needs interrupt remapping
 * @param passThrough             ECAP.PT: context entries may select pass-through
 * @param deviceTlb               ECAP.DT: device-TLB invalidations and DEVICE_IOTLB_UNMAP listeners
 * @param maxAddressMaskValue     CAP.MAMV, the largest AM of a page-selective invalidation, 0 to 63
 * @param guestMemoryBytes        size of guest memory, from address 0; table reads beyond it fail
 * @param scalableMode            ECAP.SMTS and the scalable-mode bits with it; {@link ScalableMode#NONE} in legacy
 *                                mode (the default)
 */
public record Capabilities(int addressWidth, boolean cachingMode, boolean superpages, int faultRecordingRegisters,
                           boolean interruptRemapping, boolean extendedInterruptMode, boolean passThrough,
                           boolean deviceTlb, int maxAddressMaskValue, long guestMemoryBytes,
                           ScalableMode scalableMode) {

    /** QEMU's {@code intel-iommu,intremap=on,eim=off,caching-mode=on} with 2 GiB of guest memory. */
    public static final Capabilities DEFAULT =
            new Capabilities(39, true, true, 1, true, false, true, false, 18, 0x8000_0000L, ScalableMode.NONE);

    public Capabilities {
        require(addressWidth == 39 || addressWidth == 48, "addressWidth must be 39 or 48, not " + addressWidth);
        require(faultRecordingRegisters >= 1 && faultRecordingRegisters <= 256,
                "faultRecordingRegisters must be 1..256, not " + faultRecordingRegisters);
        require(!extendedInterruptMode || interruptRemapping, "extendedInterruptMode needs interruptRemapping");
        require(maxAddressMaskValue >= 0 && maxAddressMaskValue <= 63,
                "maxAddressMaskValue must be 0..63, not " + maxAddressMaskValue);
        require(guestMemoryBytes >= 0x10_0000L && guestMemoryBytes <= (1L << addressWidth)
                        && (guestMemoryBytes & 0xFFF) == 0,
                "guestMemoryBytes must be a whole number of pages from 1 MiB to 2^addressWidth, not "
                        + guestMemoryBytes);
        require(scalableMode != null, "scalableMode must be given (ScalableMode.NONE for legacy mode)");
    }

    /** A legacy-mode unit ({@link ScalableMode#NONE}) with these knobs. */
    public Capabilities(int addressWidth, boolean cachingMode, boolean superpages, int faultRecordingRegisters,
                        boolean interruptRemapping, boolean extendedInterruptMode, boolean passThrough,
                        boolean deviceTlb, int maxAddressMaskValue, long guestMemoryBytes) {
        this(addressWidth, cachingMode, superpages, faultRecordingRegisters, interruptRemapping,
                extendedInterruptMode, passThrough, deviceTlb, maxAddressMaskValue, guestMemoryBytes,
                ScalableMode.NONE);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    public Capabilities withAddressWidth(int value) {
        return new Capabilities(value, cachingMode, superpages, faultRecordingRegisters, interruptRemapping,
                extendedInterruptMode, passThrough, deviceTlb, maxAddressMaskValue, guestMemoryBytes, scalableMode);
    }

    public Capabilities withCachingMode(boolean value) {
        return new Capabilities(addressWidth, value, superpages, faultRecordingRegisters, interruptRemapping,
                extendedInterruptMode, passThrough, deviceTlb, maxAddressMaskValue, guestMemoryBytes, scalableMode);
    }

    public Capabilities withSuperpages(boolean value) {
        return new Capabilities(addressWidth, cachingMode, value, faultRecordingRegisters, interruptRemapping,
                extendedInterruptMode, passThrough, deviceTlb, maxAddressMaskValue, guestMemoryBytes, scalableMode);
    }

    public Capabilities withFaultRecordingRegisters(int value) {
        return new Capabilities(addressWidth, cachingMode, superpages, value, interruptRemapping,
                extendedInterruptMode, passThrough, deviceTlb, maxAddressMaskValue, guestMemoryBytes, scalableMode);
    }

    public Capabilities withInterruptRemapping(boolean value) {
        return new Capabilities(addressWidth, cachingMode, superpages, faultRecordingRegisters, value,
                extendedInterruptMode && value, passThrough, deviceTlb, maxAddressMaskValue, guestMemoryBytes, scalableMode);
    }

    public Capabilities withExtendedInterruptMode(boolean value) {
        return new Capabilities(addressWidth, cachingMode, superpages, faultRecordingRegisters, interruptRemapping,
                value, passThrough, deviceTlb, maxAddressMaskValue, guestMemoryBytes, scalableMode);
    }

    public Capabilities withPassThrough(boolean value) {
        return new Capabilities(addressWidth, cachingMode, superpages, faultRecordingRegisters, interruptRemapping,
                extendedInterruptMode, value, deviceTlb, maxAddressMaskValue, guestMemoryBytes, scalableMode);
    }

    public Capabilities withDeviceTlb(boolean value) {
        return new Capabilities(addressWidth, cachingMode, superpages, faultRecordingRegisters, interruptRemapping,
                extendedInterruptMode, passThrough, value, maxAddressMaskValue, guestMemoryBytes, scalableMode);
    }

    public Capabilities withMaxAddressMaskValue(int value) {
        return new Capabilities(addressWidth, cachingMode, superpages, faultRecordingRegisters, interruptRemapping,
                extendedInterruptMode, passThrough, deviceTlb, value, guestMemoryBytes, scalableMode);
    }

    public Capabilities withGuestMemoryBytes(long value) {
        return new Capabilities(addressWidth, cachingMode, superpages, faultRecordingRegisters, interruptRemapping,
                extendedInterruptMode, passThrough, deviceTlb, maxAddressMaskValue, value, scalableMode);
    }

    public Capabilities withScalableMode(ScalableMode value) {
        return new Capabilities(addressWidth, cachingMode, superpages, faultRecordingRegisters, interruptRemapping,
                extendedInterruptMode, passThrough, deviceTlb, maxAddressMaskValue, guestMemoryBytes, value);
    }
}
