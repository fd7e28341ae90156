package io.vtdoracle.impl.dma;

import io.vtdoracle.api.Capabilities;

/** CAP_REG and ECAP_REG as {@link Capabilities} define them (contract §2, §9.1). */
public final class Capability {

    private Capability() {
    }

    /** CAP.SAGAW: bit 1 for 39-bit / 3-level tables, and bit 2 for 48-bit / 4-level ones with aw 48. */
    public static int sagaw(Capabilities capabilities) {
        return capabilities.addressWidth() == 48 ? 0x6 : 0x2;
    }

    public static long cap(Capabilities c) {
        return 6L
                | (c.cachingMode() ? 1L << 7 : 0)
                | (long) sagaw(c) << 8
                | (long) (c.addressWidth() - 1) << 16
                | 0x22L << 24
                | (c.superpages() ? 3L << 34 : 0)
                | 1L << 39
                | (long) (c.faultRecordingRegisters() - 1) << 40
                | (long) c.maxAddressMaskValue() << 48
                | 3L << 54
                | (c.scalableMode().firstStage1GiB() ? 1L << 56 : 0) // §10.4.2 FS1GP
                | (c.scalableMode().firstStage5Level() ? 1L << 60 : 0); // §10.4.2 FL5LP
    }

    public static long ecap(Capabilities c) {
        return 1L << 1
                | (c.deviceTlb() ? 1L << 2 : 0)
                | (c.interruptRemapping() ? 1L << 3 : 0)
                | (c.extendedInterruptMode() ? 1L << 4 : 0)
                | (c.passThrough() ? 1L << 6 : 0)
                | 0xFL << 8
                | (c.interruptRemapping() ? 0xFL << 20 : 0)
                | (c.scalableMode().supervisorRequests() ? 1L << 31 : 0) // §10.4.3 SRS
                | (c.scalableMode().supported() ? 1L << 43 : 0) // §10.4.3 SMTS
                | (c.scalableMode().secondStage() ? 1L << 46 : 0) // §10.4.3 SLTS
                | (c.scalableMode().firstStage() ? 1L << 47 : 0); // §10.4.3 FLTS
    }
}
