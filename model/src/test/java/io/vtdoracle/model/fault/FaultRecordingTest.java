package io.vtdoracle.model.fault;

import io.vavr.collection.List;
import io.vtdoracle.api.Access;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Event;
import io.vtdoracle.api.FaultReason;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Result;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.model.Alternative;
import io.vtdoracle.model.Expectation;
import io.vtdoracle.model.ReferenceModel;
import io.vtdoracle.model.Transition;
import io.vtdoracle.model.UnitState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** §7.2.1: a fault from a source-id with a pending record may be collapsed; both behaviours are admitted. */
class FaultRecordingTest {

    private static final SourceId SOURCE = new SourceId(0x0310);
    private static final FaultReport REPORT =
            new FaultReport(SOURCE, FaultReason.IR_ENTRY_NOT_PRESENT, 5L << 48, Access.WRITE);

    private static UnitState apply(UnitState state, Operation... operations) {
        UnitState current = state;
        for (Operation operation : operations) {
            current = ReferenceModel.step(current, operation).canonical().next();
        }
        return current;
    }

    /** Translation on with an all-zero root table at 0x10000: every request faults with 1h. */
    private static UnitState translating(int faultRecordingRegisters) {
        return apply(ReferenceModel.powerOn(Capabilities.DEFAULT.withFaultRecordingRegisters(faultRecordingRegisters)),
                new Operation.WriteRegister(0x20, 8, 0x1_0000),
                new Operation.WriteRegister(0x18, 4, 1L << 30),
                new Operation.WriteRegister(0x18, 4, 1L << 31));
    }

    @Test
    void aFaultFromAPendingSourceMayBeCollapsedOrRecorded() {
        UnitState state = apply(translating(2), new Operation.DmaRequest(SOURCE, 0x5000, Access.READ));
        Expectation second = ReferenceModel.step(state, new Operation.DmaRequest(SOURCE, 0x7000, Access.WRITE));
        Result fault = new Result.DmaFault(FaultReason.ROOT_ENTRY_NOT_PRESENT);
        assertThat(second.alternatives().map(Alternative::outcome)).containsExactly(
                Outcome.of(fault),
                new Outcome(fault, java.util.List.of(new Event.FaultRecorded(1, SOURCE,
                        FaultReason.ROOT_ENTRY_NOT_PRESENT, 0x7000, Access.WRITE))));
        assertThat(second.canonical().next().faults().records().get(1)).isEqualTo(FaultRecord.EMPTY);
        assertThat(second.alternatives().get(1).next().faults().records().get(1).fault()).isTrue();
        assertThat(second.alternatives().get(1).next().faults().nextIndex()).isZero();
    }

    @Test
    void aFaultFromAnotherSourceIsNeverCollapsed() {
        UnitState state = apply(translating(2), new Operation.DmaRequest(SOURCE, 0x5000, Access.READ));
        Expectation other = ReferenceModel.step(state,
                new Operation.DmaRequest(new SourceId(0x0311), 0x5000, Access.READ));
        assertThat(other.isDeterministic()).isTrue();
        assertThat(other.canonical().outcome().events()).hasSize(1);
    }

    @Test
    void collapseAndRecordTransitionsInThatOrder() {
        UnitState pending = FaultRecording.record(ReferenceModel.powerOn(
                Capabilities.DEFAULT.withFaultRecordingRegisters(2)), REPORT).get().state();
        List<Transition> again = FaultRecording.record(pending, REPORT);
        assertThat(again).hasSize(2);
        assertThat(again.get(0).state()).isEqualTo(pending);
        assertThat(again.get(0).events()).isEmpty();
        assertThat(again.get(1).events()).containsExactly(
                new Event.FaultRecorded(1, SOURCE, FaultReason.IR_ENTRY_NOT_PRESENT, 5L << 48, Access.WRITE));
        assertThat(again.get(1).state().faults().records().get(1))
                .isEqualTo(new FaultRecord(5L << 48, 1L << 63 | 0x22L << 32 | 0x0310));
    }

    @Test
    void withOneRegisterCollapseAndOverflowLookAlikeAndCollapseIsKept() {
        UnitState pending = FaultRecording.record(ReferenceModel.powerOn(Capabilities.DEFAULT), REPORT).get()
                .state();
        List<Transition> again = FaultRecording.record(pending, REPORT);
        assertThat(again.map(Transition::events)).containsExactly(List.empty(), List.empty());
        assertThat(again.get(0).state().faults().overflow()).isFalse();
        assertThat(again.get(1).state().faults().overflow()).isTrue();
    }

    @Test
    void overflowDropsEverything() {
        UnitState state = ReferenceModel.powerOn(Capabilities.DEFAULT);
        UnitState overflowed = state.withFaults(state.faults().withOverflow(true));
        assertThat(FaultRecording.record(overflowed, REPORT)).containsExactly(Transition.of(overflowed));
    }
}
