package io.vtdoracle.cli;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.impl.FastRemappingUnit;

/** A unit that refuses capabilities, as the API says: only 48-bit units. */
public final class Only48BitFactory implements RemappingUnit.Factory {

    @Override
    public RemappingUnit create(Capabilities capabilities) {
        if (capabilities.addressWidth() != 48) {
            throw new IllegalArgumentException("addressWidth " + capabilities.addressWidth() + ": only 48 is emulated");
        }
        return new FastRemappingUnit(capabilities);
    }
}
