package io.vtdoracle.model.fault;

import io.vtdoracle.api.Capabilities;

/**
 * Fault recording registers, FSTS and the fault and invalidation-completion event registers (§7.2, §7.3).
 * SKELETON: the fault recording chapter owns this record.
 */
public record FaultState() {

    public static FaultState powerOn(Capabilities capabilities) {
        return new FaultState();
    }
}
