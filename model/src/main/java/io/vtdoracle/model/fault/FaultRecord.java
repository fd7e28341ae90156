package io.vtdoracle.model.fault;

import io.vtdoracle.api.Access;

/**
 * One fault recording register FRCD (§10.4.14): the low qword holds FI (63:12), the high qword F (63), T (62),
 * FR (39:32) and SID (15:0). Everything but F is read-only to software.
 *
 * @param low  FRCD bits 63:0
 * @param high FRCD bits 127:64
 */
public record FaultRecord(long low, long high) {

    /** FRCD.F (bit 127). */
    static final long F = 1L << 63;
    /** FRCD.T (bit 126): 1 for a read request. */
    static final long T = 1L << 62;
    /** The bits of the high qword software can read. */
    static final long HIGH_READABLE = F | T | 0xFFL << 32 | 0xFFFF;

    /** An empty register (F = 0). */
    public static final FaultRecord EMPTY = new FaultRecord(0, 0);

    /** §7.2.1: the record of a fault, with F set. */
    static FaultRecord of(FaultReport report) {
        long type = report.access() == Access.READ ? T : 0;
        return new FaultRecord(report.faultInfo() & ~0xFFFL,
                F | type | (long) report.reason().code() << 32 | report.source().value());
    }

    /** FRCD.F: the register holds a fault software has not yet cleared. */
    public boolean fault() {
        return (high & F) != 0;
    }

    /** FRCD.SID. */
    public int sourceId() {
        return (int) (high & 0xFFFF);
    }

    /** The register after software wrote 1 to F (RW1C). */
    FaultRecord cleared() {
        return new FaultRecord(low, high & ~F);
    }
}
