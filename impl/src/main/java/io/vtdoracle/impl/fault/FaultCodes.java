package io.vtdoracle.impl.fault;

import io.vtdoracle.api.FaultReason;

/** Fault reason codes as {@link FaultReason}s without allocation, and FPD qualification (§7.1.3). */
public final class FaultCodes {

    private static final FaultReason[] BY_CODE = new FaultReason[0x100];

    static {
        for (FaultReason reason : FaultReason.values()) {
            BY_CODE[reason.code()] = reason;
        }
    }

    private FaultCodes() {
    }

    /** The reason with this code (a code of {@link FaultReason}). */
    public static FaultReason reason(int code) {
        return BY_CODE[code];
    }

    /** Whether context-entry FPD = 1 suppresses recording of a DMA fault with this code: 2h–7h, Ch, Dh, Eh. */
    public static boolean qualified(int code) {
        return code >= 0x2 && code <= 0x7 || code >= 0xC && code <= 0xE;
    }
}
