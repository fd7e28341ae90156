package io.vtdoracle.qemu;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.ScalableMode;
import io.vtdoracle.model.registers.CapabilityRegisters;

import java.util.ArrayList;
import java.util.List;

/**
 * The model's {@link Capabilities} taken from what a device reports in CAP_REG (§10.4.2) and ECAP_REG (§10.4.3).
 * Every field the model has is read from its bits; then the model's own CAP and ECAP for those capabilities must
 * equal the device's, bit for bit: a bit the model does not produce (PASID support, snoop control, no draining,
 * ...) means the device does something the model does not cover, and it is refused by name. Scalable mode is read
 * from ECAP.SMTS, SLTS, FLTS, SRS and CAP.FS1GP, FL5LP ({@link ScalableMode}; QEMU's {@code x-scalable-mode=on}
 * and {@code x-flts=on}).
 */
public final class DeviceCapabilities {

    private DeviceCapabilities() {
    }

    /**
     * The capabilities of a unit reporting {@code cap} and {@code ecap} with {@code memoryBytes} of guest memory.
     *
     * @throws IllegalArgumentException naming each bit the model does not cover
     */
    public static Capabilities from(long cap, long ecap, long memoryBytes) {
        int mgaw = (int) (cap >>> 16) & 0x3F;
        int width = mgaw + 1;
        if (width != 39 && width != 48) {
            throw new IllegalArgumentException(String.format("CAP 0x%016x: MGAW %d (a %d-bit address width); the"
                    + " model covers 39 and 48 bits (intel-iommu aw-bits=39 or 48)", cap, mgaw, width));
        }
        ScalableMode scalableMode = scalableMode(cap, ecap);
        Capabilities capabilities = new Capabilities(width,
                (cap & 1L << 7) != 0,
                ((cap >>> 34) & 3) == 3,
                (int) ((cap >>> 40) & 0xFF) + 1,
                (ecap & 1L << 3) != 0,
                (ecap & 1L << 4) != 0 && (ecap & 1L << 3) != 0,
                (ecap & 1L << 6) != 0,
                (ecap & 1L << 2) != 0,
                (int) ((cap >>> 48) & 0x3F),
                memoryBytes, scalableMode);
        List<String> uncovered = new ArrayList<>();
        uncovered.addAll(differences("CAP", cap, CapabilityRegisters.capability(capabilities), CAP_BITS));
        uncovered.addAll(differences("ECAP", ecap, CapabilityRegisters.extendedCapability(capabilities), ECAP_BITS));
        if (!uncovered.isEmpty()) {
            throw new IllegalArgumentException(String.format("the device reports CAP 0x%016x ECAP 0x%016x; the model"
                    + " does not cover %s", cap, ecap, String.join(", ", uncovered)));
        }
        return capabilities;
    }

    /** ECAP.SMTS (43), SLTS (46), FLTS (47), SRS (31); CAP.FS1GP (56), FL5LP (60). */
    private static ScalableMode scalableMode(long cap, long ecap) {
        boolean supported = (ecap & 1L << 43) != 0;
        boolean secondStage = (ecap & 1L << 46) != 0;
        boolean firstStage = (ecap & 1L << 47) != 0;
        boolean supervisorRequests = (ecap & 1L << 31) != 0;
        boolean firstStage1GiB = (cap & 1L << 56) != 0;
        boolean firstStage5Level = (cap & 1L << 60) != 0;
        if ((!supported && (secondStage || firstStage || supervisorRequests))
                || (!firstStage && (firstStage1GiB || firstStage5Level))) {
            throw new IllegalArgumentException(String.format("the device reports CAP 0x%016x ECAP 0x%016x: SLTS,"
                    + " FLTS or SRS without SMTS, or FS1GP or FL5LP without FLTS; the model covers none of these"
                    + " combinations", cap, ecap));
        }
        return new ScalableMode(supported, secondStage, firstStage, supervisorRequests, firstStage1GiB,
                firstStage5Level);
    }

    private record Field(String name, int low, int high, String hint) {
    }

    private static final List<Field> CAP_BITS = List.of(
            new Field("ND", 0, 2, ""), new Field("AFL", 3, 3, ""), new Field("RWBF", 4, 4, ""),
            new Field("PLMR", 5, 5, ""), new Field("PHMR", 6, 6, ""), new Field("CM", 7, 7, ""),
            new Field("SAGAW", 8, 12, " (aw-bits)"), new Field("MGAW", 16, 21, " (aw-bits)"),
            new Field("ZLR", 22, 22, ""), new Field("FRO", 24, 33, ""), new Field("SLLPS", 34, 37, ""),
            new Field("PSI", 39, 39, ""), new Field("NFR", 40, 47, ""), new Field("MAMV", 48, 53, ""),
            new Field("DWD", 54, 54, " (dma-drain=off: the model always drains)"),
            new Field("DRD", 55, 55, " (dma-drain=off: the model always drains)"),
            new Field("FS1GP", 56, 56, ""), new Field("PI", 59, 59, ""),
            new Field("FL5LP", 60, 60, ""), new Field("ESIRTPS", 62, 62, ""), new Field("ESRTPS", 63, 63, ""));

    private static final List<Field> ECAP_BITS = List.of(
            new Field("C", 0, 0, ""), new Field("QI", 1, 1, ""), new Field("DT", 2, 2, ""),
            new Field("IR", 3, 3, ""), new Field("EIM", 4, 4, ""), new Field("PT", 6, 6, ""),
            new Field("SC", 7, 7, " (snoop-control=on: SL-PTE bit 11 is reserved in the model)"),
            new Field("IRO", 8, 17, ""), new Field("MHMV", 20, 23, ""), new Field("MTS", 25, 25, ""),
            new Field("NEST", 26, 26, ""), new Field("PRS", 29, 29, ""), new Field("ERS", 30, 30, ""),
            new Field("SRS", 31, 31, ""), new Field("NWFS", 33, 33, ""), new Field("EAFS", 34, 34, ""),
            new Field("PSS", 35, 39, " (x-pasid-mode=on: the model covers requests without PASID only)"),
            new Field("PASID", 40, 40, " (x-pasid-mode=on: the model covers requests without PASID only)"),
            new Field("DIT", 41, 41, ""), new Field("PDS", 42, 42, ""),
            new Field("SMTS", 43, 43, ""),
            new Field("VCS", 44, 44, ""), new Field("SLADS", 45, 45, ""), new Field("SLTS", 46, 46, ""),
            new Field("FLTS", 47, 47, ""), new Field("SMPWCS", 48, 48, ""),
            new Field("RPS", 49, 49, ""));

    private static List<String> differences(String register, long device, long model, List<Field> fields) {
        List<String> names = new ArrayList<>();
        long covered = 0;
        for (Field field : fields) {
            long mask = (-1L >>> (63 - field.high + field.low)) << field.low;
            covered |= mask;
            if ((device & mask) != (model & mask)) {
                names.add(String.format("%s.%s = 0x%x (model: 0x%x)%s", register, field.name,
                        (device & mask) >>> field.low, (model & mask) >>> field.low, field.hint));
            }
        }
        if ((device & ~covered) != (model & ~covered)) {
            names.add(String.format("%s bits 0x%x (model: 0x%x)", register, device & ~covered, model & ~covered));
        }
        return names;
    }
}
