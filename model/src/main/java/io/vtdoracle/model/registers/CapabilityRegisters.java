package io.vtdoracle.model.registers;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.model.fault.FaultRegisters;
import io.vtdoracle.model.invalidation.InvalidationRegisters;

/** CAP_REG (§10.4.2) and ECAP_REG (§10.4.3) as the unit reports its capabilities (contract §2). */
public final class CapabilityRegisters {

    private CapabilityRegisters() {
    }

    /** VER_REG (§10.4.1): version 1.0. */
    public static final int VERSION = 0x10;

    /** CAP_REG: ND, CM, SAGAW, MGAW, FRO, SLLPS, PSI, NFR, MAMV, DWD, DRD, FS1GP, FL5LP. */
    public static long capability(Capabilities capabilities) {
        long numberOfDomains = 6; // 16-bit domain-ids
        long cachingMode = capabilities.cachingMode() ? 1L << 7 : 0;
        long sagaw = (capabilities.addressWidth() == 48 ? 0x6L : 0x2L) << 8; // 39-bit, and 48-bit
        long mgaw = (long) (capabilities.addressWidth() - 1) << 16;
        long fro = (long) (FaultRegisters.FRCD / 16) << 24;
        long sllps = capabilities.superpages() ? 0x3L << 34 : 0; // 2 MiB and 1 GiB
        long psi = 1L << 39;
        long nfr = (long) (capabilities.faultRecordingRegisters() - 1) << 40;
        long mamv = (long) capabilities.maxAddressMaskValue() << 48;
        long drainWritesAndReads = 0x3L << 54;
        long firstStage1GiB = capabilities.scalableMode().firstStage1GiB() ? 1L << 56 : 0;
        long firstStage5Level = capabilities.scalableMode().firstStage5Level() ? 1L << 60 : 0;
        return numberOfDomains | cachingMode | sagaw | mgaw | fro | sllps | psi | nfr | mamv | drainWritesAndReads
                | firstStage1GiB | firstStage5Level;
    }

    /** ECAP_REG: QI, DT, IR, EIM, PT, IRO, MHMV, SRS, SMTS, SLTS, FLTS. */
    public static long extendedCapability(Capabilities capabilities) {
        long queuedInvalidation = 1L << 1;
        long deviceTlb = capabilities.deviceTlb() ? 1L << 2 : 0;
        long interruptRemapping = capabilities.interruptRemapping() ? 1L << 3 : 0;
        long extendedInterruptMode = capabilities.extendedInterruptMode() ? 1L << 4 : 0;
        long passThrough = capabilities.passThrough() ? 1L << 6 : 0;
        long iro = (long) (InvalidationRegisters.IVA / 16) << 8;
        long mhmv = capabilities.interruptRemapping() ? 0xFL << 20 : 0;
        long supervisorRequests = capabilities.scalableMode().supervisorRequests() ? 1L << 31 : 0;
        long scalableMode = capabilities.scalableMode().supported() ? 1L << 43 : 0;
        long secondStage = capabilities.scalableMode().secondStage() ? 1L << 46 : 0;
        long firstStage = capabilities.scalableMode().firstStage() ? 1L << 47 : 0;
        return queuedInvalidation | deviceTlb | interruptRemapping | extendedInterruptMode | passThrough | iro
                | mhmv | supervisorRequests | scalableMode | secondStage | firstStage;
    }
}
