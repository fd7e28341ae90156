package io.vtdoracle.model.dma;

import static org.assertj.core.api.Assertions.assertThat;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.FaultReason;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.Result;
import io.vtdoracle.api.ScalableMode;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.model.Alternative;
import io.vtdoracle.model.Ambiguity;
import io.vtdoracle.model.Expectation;
import io.vtdoracle.model.ReferenceModel;
import io.vtdoracle.model.UnitState;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Ambiguities A1, A7 and A8 in scalable mode (contract §9.5, §9.6), and cached translations next to fresh walks
 * (§9.9).
 */
class ScalableOpenPointsTest {

    private static final SourceId SID = SourceId.of(0, 3, 0);
    private static final long ROOT = 0x1000;
    private static final long CONTEXT = 0x10000;
    private static final long DIRECTORY = 0x20000;
    private static final long PASID_TABLE = 0x21000;
    private static final long TOP = 0x30000;
    private static final long MIDDLE = 0x31000;
    private static final long BOTTOM = 0x32000;
    private static final long LEAVES = 0x33000;
    private static final long P = 1;
    private static final long RW = 2;
    private static final long US = 4;
    private static final long ACCESSED = 1L << 5;

    private static UnitState apply(UnitState state, Operation... operations) {
        UnitState next = state;
        for (Operation operation : operations) {
            next = ReferenceModel.step(next, operation).canonical().next();
        }
        return next;
    }

    /** A second-stage device (3 levels) whose leaf for 0x0 is {@code leaf}, translation enabled with TTM = 01b. */
    private static UnitState secondStage(long leaf) {
        UnitState state = ReferenceModel.powerOn(
                Capabilities.DEFAULT.withScalableMode(ScalableMode.QEMU_SECOND_STAGE));
        return apply(state, new Operation.WriteMemory(ROOT, CONTEXT | 1),
                new Operation.WriteMemory(CONTEXT + SID.devfn() * 32L, DIRECTORY | 1),
                new Operation.WriteMemory(DIRECTORY, PASID_TABLE | 1),
                new Operation.WriteMemory(PASID_TABLE, TOP | 2 << 6 | 1 << 2 | 1),
                new Operation.WriteMemory(TOP, MIDDLE | 3), new Operation.WriteMemory(MIDDLE, BOTTOM | 3),
                new Operation.WriteMemory(BOTTOM, leaf),
                new Operation.WriteRegister(0x20, 8, ROOT | 1 << 10),
                new Operation.WriteRegister(0x18, 4, 1L << 30), new Operation.WriteRegister(0x18, 4, 1L << 31));
    }

    /** A first-stage device (4 levels at TOP, MIDDLE, BOTTOM, LEAVES) whose leaf for 0x0 is {@code leaf}. */
    private static UnitState firstStage(long upper, long leaf) {
        UnitState state = ReferenceModel.powerOn(
                Capabilities.DEFAULT.withScalableMode(ScalableMode.QEMU_FIRST_STAGE));
        return apply(state, new Operation.WriteMemory(ROOT, CONTEXT | 1),
                new Operation.WriteMemory(CONTEXT + SID.devfn() * 32L, DIRECTORY | 1),
                new Operation.WriteMemory(DIRECTORY, PASID_TABLE | 1),
                new Operation.WriteMemory(PASID_TABLE, 1 << 6 | 1), new Operation.WriteMemory(PASID_TABLE + 16, TOP),
                new Operation.WriteMemory(TOP, MIDDLE | US | RW | P), new Operation.WriteMemory(MIDDLE, BOTTOM | upper),
                new Operation.WriteMemory(BOTTOM, LEAVES | US | RW | P), new Operation.WriteMemory(LEAVES, leaf),
                new Operation.WriteRegister(0x20, 8, ROOT | 1 << 10),
                new Operation.WriteRegister(0x18, 4, 1L << 30), new Operation.WriteRegister(0x18, 4, 1L << 31));
    }

    /** Which of the four entries of the first-stage walk for 0x0 have A set after {@code alternative}. */
    private static List<Long> accessed(Alternative alternative) {
        return List.of(TOP, MIDDLE, BOTTOM, LEAVES).stream()
                .filter(entry -> (alternative.next().memory().read(entry).get() & ACCESSED) != 0).toList();
    }

    private static List<Result> results(Expectation expectation) {
        return expectation.alternatives().map(alternative -> alternative.outcome().result()).toJavaList();
    }

    @Test
    void aReadOnlySecondStageEntryWithAReservedBitAdmitsBothReadingsOfA1() {
        Expectation write = ReferenceModel.step(secondStage(0x9000 | 1L << 11 | 1),
                new Operation.DmaRequest(SID, 0x123, Access.WRITE));
        assertThat(results(write)).containsExactly(
                new Result.DmaFault(FaultReason.SM_SECOND_STAGE_ENTRY_RESERVED),
                new Result.DmaFault(FaultReason.SM_WRITE_NOT_PERMITTED));
        Alternative other = write.alternatives().get(1);
        assertThat(other.readings()).containsExactly(Ambiguity.A1.otherReading());
        assertThat(write.alternatives().get(0).sections()).contains("§7.1.3", "§9.8");
    }

    @Test
    void aChangedTableAdmitsTheFreshWalkFirstAndTheCachedTranslation() {
        UnitState state = secondStage(0x9000 | 3);
        state = apply(state, new Operation.DmaRequest(SID, 0x123, Access.READ),
                new Operation.WriteMemory(BOTTOM, 0xA000 | 3));
        Expectation read = ReferenceModel.step(state, new Operation.DmaRequest(SID, 0x123, Access.READ));
        assertThat(results(read)).as("fresh, then the IOTLB entry (contract §9.9)").containsExactly(
                new Result.Translated(0xA123, 0xFFF, Permission.READ_WRITE),
                new Result.Translated(0x9123, 0xFFF, Permission.READ_WRITE));
        assertThat(read.canonical().sections()).contains("§3.4.3", "§9.6");
    }

    @Test
    void aFirstStageWalkFaultingAtTheLeafMayHaveSetAAboveItUnderA7() {
        Expectation read = ReferenceModel.step(firstStage(US | RW | P, 0),
                new Operation.DmaRequest(SID, 0x123, Access.READ));
        Result notPresent = new Result.DmaFault(FaultReason.SM_FIRST_STAGE_ENTRY_NOT_PRESENT);
        assertThat(results(read)).containsExactly(notPresent, notPresent);
        assertThat(read.canonical().readings()).isEmpty();
        assertThat(accessed(read.canonical())).as("the model's reading: a faulting walk sets nothing").isEmpty();
        Alternative other = read.alternatives().get(1);
        assertThat(other.readings()).containsExactly(Ambiguity.A7.otherReading());
        assertThat(accessed(other)).as("the entries used before the fault").containsExactly(TOP, MIDDLE, BOTTOM);
    }

    @Test
    void aFirstStageWalkStoppedByTheRightsFirstMaySetAAboveUnderA1AndA7() {
        Expectation read = ReferenceModel.step(firstStage(RW | P, 0x9000 | 1L << 50 | US | RW | P),
                new Operation.DmaRequest(SID, 0x123, Access.READ));
        Result reserved = new Result.DmaFault(FaultReason.SM_FIRST_STAGE_ENTRY_RESERVED);
        Result supervisor = new Result.DmaFault(FaultReason.SM_USER_REQUEST_TO_SUPERVISOR_PAGE);
        assertThat(results(read)).containsExactly(reserved, supervisor, reserved, supervisor);
        assertThat(read.alternatives().map(Alternative::readings).toJavaList()).containsExactly(
                io.vavr.collection.List.empty(), io.vavr.collection.List.of(Ambiguity.A1.otherReading()),
                io.vavr.collection.List.of(Ambiguity.A7.otherReading()),
                io.vavr.collection.List.of(Ambiguity.A1.otherReading(), Ambiguity.A7.otherReading()));
        assertThat(accessed(read.alternatives().get(2))).containsExactly(TOP, MIDDLE, BOTTOM);
        assertThat(accessed(read.alternatives().get(3))).as("QEMU's walk: A above the supervisor-only entry")
                .containsExactly(TOP);
    }

    @Test
    void aSupervisorOnlyEntryAboveANotPresentLeafStopsTheWalkUnderA1() {
        Expectation read = ReferenceModel.step(firstStage(RW | P, 0),
                new Operation.DmaRequest(SID, 0x123, Access.READ));
        Result notPresent = new Result.DmaFault(FaultReason.SM_FIRST_STAGE_ENTRY_NOT_PRESENT);
        Result supervisor = new Result.DmaFault(FaultReason.SM_USER_REQUEST_TO_SUPERVISOR_PAGE);
        assertThat(results(read)).containsExactly(notPresent, supervisor, notPresent, supervisor);
        assertThat(accessed(read.alternatives().get(3))).as("QEMU's walk").containsExactly(TOP);
    }

    @Test
    void aTranslatingFirstStageWalkHasNoOtherReading() {
        Expectation read = ReferenceModel.step(firstStage(US | RW | P, 0x9000 | US | RW | P),
                new Operation.DmaRequest(SID, 0x123, Access.READ));
        assertThat(read.alternatives()).hasSize(1);
        assertThat(accessed(read.canonical())).containsExactly(TOP, MIDDLE, BOTTOM, LEAVES);
    }

    @Test
    void theSnoopBitOfASecondStageLeafIsReservedOrNotUnderA8() {
        Expectation read = ReferenceModel.step(secondStage(0x9000 | 1L << 11 | 3),
                new Operation.DmaRequest(SID, 0x123, Access.READ));
        assertThat(results(read)).containsExactly(
                new Result.DmaFault(FaultReason.SM_SECOND_STAGE_ENTRY_RESERVED),
                new Result.Translated(0x9123, 0xFFF, Permission.READ_WRITE));
        assertThat(read.alternatives().get(1).readings()).containsExactly(Ambiguity.A8.otherReading());
    }

    @Test
    void bitElevenOfANonLeafSecondStageEntryStaysReserved() {
        UnitState state = apply(secondStage(0x9000 | 3), new Operation.WriteMemory(TOP, MIDDLE | 1L << 11 | 3));
        Expectation read = ReferenceModel.step(state, new Operation.DmaRequest(SID, 0x123, Access.READ));
        assertThat(results(read)).containsExactly(new Result.DmaFault(FaultReason.SM_SECOND_STAGE_ENTRY_RESERVED));
    }
}
