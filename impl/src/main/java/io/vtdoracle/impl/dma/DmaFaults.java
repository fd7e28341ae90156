package io.vtdoracle.impl.dma;

import io.vtdoracle.api.Access;
import io.vtdoracle.impl.fault.FaultCodes;
import io.vtdoracle.impl.fault.FaultRecorder;

/** Records a DMA fault (contract §4) unless an FPD that governs it is set and its reason is qualified. */
final class DmaFaults {

    private final FaultRecorder recorder;

    DmaFaults(FaultRecorder recorder) {
        this.recorder = recorder;
    }

    /** Records the fault {@code code} of a request (FI = its page address) unless {@code fpd} suppresses it. */
    int fault(int sid, int code, long requestAddress, boolean write, boolean fpd) {
        if (!(fpd && FaultCodes.qualified(code))) {
            recorder.record(sid, FaultCodes.reason(code), requestAddress & ~Translation.PAGE_MASK_4K,
                    write ? Access.WRITE : Access.READ);
        }
        return code;
    }
}
