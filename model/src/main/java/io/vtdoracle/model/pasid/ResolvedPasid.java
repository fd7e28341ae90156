package io.vtdoracle.model.pasid;

/**
 * The valid PASID-table entry a request is translated through, with the FPD that governs the recording of its
 * translation faults: set if the context entry's, the PASID directory entry's or this entry's FPD is set (§9.4 –
 * §9.6). {@code directoryFaultProcessingDisabled} is the PASID directory entry's own FPD, which a PASID-cache entry
 * keeps (§6.2.2).
 */
public record ResolvedPasid(int pasid, PasidTableEntry entry, boolean faultProcessingDisabled,
                            boolean directoryFaultProcessingDisabled) {
}
