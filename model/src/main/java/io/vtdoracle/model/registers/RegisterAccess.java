package io.vtdoracle.model.registers;

import io.vavr.collection.List;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Result;
import io.vtdoracle.model.Alternative;
import io.vtdoracle.model.UnitState;

/** Guest reads and writes of the register block (§10.4, contract §2). SKELETON: owned by the registers chapter. */
public final class RegisterAccess {

    private RegisterAccess() {
    }

    public static List<Alternative> write(UnitState state, Operation.WriteRegister write) {
        return List.of(new Alternative(Outcome.of(Result.DONE), state));
    }

    public static List<Alternative> read(UnitState state, Operation.ReadRegister read) {
        return List.of(new Alternative(Outcome.of(new Result.Value(0)), state));
    }
}
