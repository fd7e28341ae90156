package io.vtdoracle.cli;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.api.Result;
import io.vtdoracle.impl.FastRemappingUnit;

/** A seeded fault for the protocol tests: the implementation, with every 4K translation answered one page off. */
public final class WrongTranslationFactory implements RemappingUnit.Factory {

    @Override
    public RemappingUnit create(Capabilities capabilities) {
        RemappingUnit unit = new FastRemappingUnit(capabilities);
        return operation -> {
            Outcome outcome = unit.apply(operation);
            if (outcome.result() instanceof Result.Translated t && t.pageMask() == 0xFFF && t.address() > 0x10000) {
                return new Outcome(new Result.Translated(t.address() ^ 0x1000, t.pageMask(), t.permission()),
                        outcome.events());
            }
            return outcome;
        };
    }
}
