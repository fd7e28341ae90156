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

    /**
     * Whether FPD = 1 suppresses recording of a DMA fault with this code (§7.1.3): in legacy mode 2h–7h, Ch, Dh,
     * Eh; in scalable mode every reason from 41h on except 42h (SCT.3) (contract §9.3).
     */
    public static boolean qualified(int code) {
        return code >= 0x2 && code <= 0x7 || code >= 0xC && code <= 0xE || code >= 0x41 && code != 0x42;
    }
}
