package io.vtdoracle.model.fault;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.FaultReason;
import io.vtdoracle.api.SourceId;

/**
 * A fault to be recorded (§7.2.1): the request's source-id, the reason, the fault information (the page address
 * of a DMA fault, the interrupt index in bits 63:48 for an interrupt-remapping fault) and the request's type.
 */
public record FaultReport(SourceId source, FaultReason reason, long faultInfo, Access access) {
}
