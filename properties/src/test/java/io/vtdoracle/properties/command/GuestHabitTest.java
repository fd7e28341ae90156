package io.vtdoracle.properties.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Event;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.guest.Registers;
import io.vtdoracle.impl.FastRemappingUnit;
import io.vtdoracle.oracle.ModelUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Other guests' habits program the unit in their own order, and both units follow them. */
class GuestHabitTest {

    private static List<Operation> boot(GuestHabit habit) {
        return new GuestView().run(new PowerOn(Capabilities.DEFAULT, true, false, false, false, habit));
    }

    /** The index of the first operation whose outcome writes a status word, -1 if none does. */
    private static int firstStatusWrite(RemappingUnit unit, List<Operation> operations) {
        for (int i = 0; i < operations.size(); i++) {
            if (unit.apply(operations.get(i)).events().stream().anyMatch(e -> e instanceof Event.StatusWritten)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void descriptorsQueuedBeforeTheQueueIsEnabledRunWhenItIs() {
        List<Operation> operations = boot(GuestHabit.QUEUE_BEFORE_ENABLE);
        int enable = -1;
        for (int i = 0; i < operations.size(); i++) {
            if (operations.get(i) instanceof Operation.WriteRegister w && w.offset() == Registers.GCMD
                    && (w.value() & Registers.QIE) != 0) {
                enable = i;
                break;
            }
        }
        assertTrue(enable > 0, "QIE is set during boot");
        assertEquals(enable, firstStatusWrite(new FastRemappingUnit(Capabilities.DEFAULT), operations));
        assertEquals(enable, firstStatusWrite(new ModelUnit(Capabilities.DEFAULT), operations));
    }

    @Test
    void aRegisterOnlyGuestNeverSetsUpTheQueue() {
        assertFalse(boot(GuestHabit.REGISTER_ONLY).stream()
                .anyMatch(o -> o instanceof Operation.WriteRegister w && w.offset() == Registers.IQA));
    }

    @Test
    void aFunctionMaskCoversTheFunctionsDifferingInTheMaskedBits() {
        SourceId named = SourceId.of(1, 0, 1);
        assertFalse(Invalidation.contextDevice(1, named, 0).covers(SourceId.of(1, 0, 0)));
        assertTrue(Invalidation.contextDevice(1, named, 1).covers(SourceId.of(1, 0, 5)));
        assertFalse(Invalidation.contextDevice(1, named, 2).covers(SourceId.of(1, 0, 0)));
        assertTrue(Invalidation.contextDevice(1, named, 2).covers(SourceId.of(1, 0, 7)));
        assertTrue(Invalidation.contextDevice(1, named, 3).covers(SourceId.of(1, 0, 0)));
        assertFalse(Invalidation.contextDevice(1, named, 3).covers(SourceId.of(2, 0, 1)));
    }
}
