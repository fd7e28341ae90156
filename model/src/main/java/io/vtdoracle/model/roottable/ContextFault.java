package io.vtdoracle.model.roottable;

import io.vtdoracle.api.FaultReason;

/**
 * Why a source-id has no usable context entry (contract §3 steps 2–3), with the FPD that governs its recording:
 * the FPD bit of the context entry that was read, false when none was (root faults, 9h).
 */
public record ContextFault(FaultReason reason, boolean faultProcessingDisabled) {
}
