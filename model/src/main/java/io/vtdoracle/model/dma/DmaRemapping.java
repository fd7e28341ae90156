package io.vtdoracle.model.dma;

import io.vavr.collection.List;
import io.vtdoracle.api.Access;
import io.vtdoracle.api.FaultReason;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Result;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.model.Alternative;
import io.vtdoracle.model.UnitState;

/** An untranslated DMA request (§3.4 – §3.7, contract §3). SKELETON: owned by the DMA remapping chapter. */
public final class DmaRemapping {

    private DmaRemapping() {
    }

    /** The behaviours allowed for a DMA request of {@code source} to {@code address}; the first is a fresh walk. */
    public static List<Alternative> request(UnitState state, SourceId source, long address, Access access) {
        return List.of(new Alternative(Outcome.of(new Result.DmaFault(FaultReason.ROOT_ENTRY_NOT_PRESENT)), state));
    }
}
