package io.vtdoracle.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Either;
import io.vtdoracle.api.Access;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.Result;
import io.vtdoracle.api.ScalableMode;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.model.Ambiguity;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scalable-mode open points A7 and A8 (docs/ambiguities.md) as the oracle judges them: QEMU's reading is
 * accepted by default, saying which ambiguity it needed, and refused by strict judging.
 */
class ScalableAmbiguityJudgingTest {

    private static final SourceId SID = SourceId.of(0, 3, 0);
    private static final long ROOT = 0x1000;
    private static final long CONTEXT = 0x10000;
    private static final long DIRECTORY = 0x20000;
    private static final long PASID_TABLE = 0x21000;
    private static final long TOP = 0x30000;
    private static final long MIDDLE = 0x31000;
    private static final long BOTTOM = 0x32000;
    private static final long LEAVES = 0x33000;
    private static final long USER_WRITABLE_PRESENT = 7;
    private static final long ACCESSED = 1L << 5;

    /** Root, context and PASID directory of SID, its PASID-table entry {@code pasidEntry} (words 0 and 2). */
    private static List<Operation> device(long word0, long word2) {
        return List.of(new Operation.WriteMemory(ROOT, CONTEXT | 1),
                new Operation.WriteMemory(CONTEXT + SID.devfn() * 32L, DIRECTORY | 1),
                new Operation.WriteMemory(DIRECTORY, PASID_TABLE | 1), new Operation.WriteMemory(PASID_TABLE, word0),
                new Operation.WriteMemory(PASID_TABLE + 16, word2));
    }

    private static final List<Operation> ENABLE = List.of(new Operation.WriteRegister(0x20, 8, ROOT | 1 << 10),
            new Operation.WriteRegister(0x18, 4, 1L << 30), new Operation.WriteRegister(0x18, 4, 1L << 31));

    /** The oracle after {@code operations}, each answered as the model does on its own. */
    private static Oracle after(Capabilities capabilities, Oracle.Judging judging, List<Operation> operations) {
        Oracle oracle = Oracle.powerOn(capabilities, judging);
        for (Operation operation : operations) {
            oracle = oracle.observe(operation, oracle.expect(operation).canonical().outcome()).get();
        }
        return oracle;
    }

    private static List<Operation> concat(List<Operation> first, List<Operation> second, List<Operation> third) {
        return java.util.stream.Stream.of(first, second, third).flatMap(List::stream).toList();
    }

    @Test
    void a7TheEntriesAboveANotPresentFirstStageLeafReadBackWithA() {
        Capabilities capabilities = Capabilities.DEFAULT.withScalableMode(ScalableMode.QEMU_FIRST_STAGE);
        List<Operation> tables = List.of(new Operation.WriteMemory(TOP, MIDDLE | USER_WRITABLE_PRESENT),
                new Operation.WriteMemory(MIDDLE, BOTTOM | USER_WRITABLE_PRESENT),
                new Operation.WriteMemory(BOTTOM, LEAVES | USER_WRITABLE_PRESENT));
        List<Operation> setUp = concat(device(1 << 6 | 1, TOP), tables, ENABLE);
        Operation dma = new Operation.DmaRequest(SID, 0x123, Access.READ);
        Operation read = new Operation.ReadMemory(TOP);
        Outcome withoutA = Outcome.of(new Result.Value(MIDDLE | USER_WRITABLE_PRESENT));
        Outcome withA = Outcome.of(new Result.Value(MIDDLE | USER_WRITABLE_PRESENT | ACCESSED));

        for (Oracle.Judging judging : List.of(Oracle.Judging.DEFAULT, Oracle.Judging.STRICT)) {
            Oracle faulted = after(capabilities, judging, concat(setUp, List.of(dma), List.of()));
            assertThat(faulted.acceptedUnder()).as("the fault itself is the same in both readings").isEmpty();
            Either<String, Oracle> own = faulted.observe(read, withoutA);
            assertThat(own.isRight()).as("%s under %s", own, judging).isTrue();
            assertThat(own.get().acceptedUnder()).isEmpty();
        }
        Either<String, Oracle> accepted = after(capabilities, Oracle.Judging.DEFAULT,
                concat(setUp, List.of(dma), List.of())).observe(read, withA);
        assertThat(accepted.isRight()).as("%s", accepted).isTrue();
        assertThat(accepted.get().acceptedUnder()).contains("accepted under " + Ambiguity.A7.otherReading());
        Either<String, Oracle> strict = after(capabilities, Oracle.Judging.STRICT,
                concat(setUp, List.of(dma), List.of())).observe(read, withA);
        assertThat(strict.isLeft()).as("%s", strict).isTrue();
    }

    @Test
    void a8ASecondStageLeafWithSnpTranslatesOnlyUnderTheOtherReading() {
        Capabilities capabilities = Capabilities.DEFAULT.withScalableMode(ScalableMode.QEMU_SECOND_STAGE);
        List<Operation> tables = List.of(new Operation.WriteMemory(TOP, MIDDLE | 3),
                new Operation.WriteMemory(MIDDLE, BOTTOM | 3), new Operation.WriteMemory(BOTTOM, 0x9000 | 1L << 11 | 3));
        List<Operation> setUp = concat(device(TOP | 2 << 6 | 1 << 2 | 1, 0), tables, ENABLE);
        Operation dma = new Operation.DmaRequest(SID, 0x123, Access.READ);
        Outcome translated = Outcome.of(new Result.Translated(0x9123, 0xFFF, Permission.READ_WRITE));

        Either<String, Oracle> accepted = after(capabilities, Oracle.Judging.DEFAULT, setUp).observe(dma, translated);
        assertThat(accepted.isRight()).as("%s", accepted).isTrue();
        assertThat(accepted.get().acceptedUnder()).contains("accepted under " + Ambiguity.A8.otherReading());
        Either<String, Oracle> strict = after(capabilities, Oracle.Judging.STRICT, setUp).observe(dma, translated);
        assertThat(strict.getLeft()).contains("SM_SECOND_STAGE_ENTRY_RESERVED(7ah)")
                .contains("admitted only under " + Ambiguity.A8.otherReading());
    }

    @Test
    void a8DoesNotReachLegacyModeOfAScalableCapableUnit() {
        Capabilities capabilities = Capabilities.DEFAULT.withScalableMode(ScalableMode.QEMU_SECOND_STAGE);
        List<Operation> tables = List.of(new Operation.WriteMemory(ROOT, CONTEXT | 1),
                new Operation.WriteMemory(CONTEXT + SID.devfn() * 16L, TOP | 1),
                new Operation.WriteMemory(CONTEXT + SID.devfn() * 16L + 8, 1 | 5 << 8),
                new Operation.WriteMemory(TOP, MIDDLE | 3), new Operation.WriteMemory(MIDDLE, BOTTOM | 3),
                new Operation.WriteMemory(BOTTOM, 0x9000 | 1L << 11 | 3));
        List<Operation> setUp = concat(tables, List.of(new Operation.WriteRegister(0x20, 8, ROOT)),
                ENABLE.subList(1, 3));
        Operation dma = new Operation.DmaRequest(SID, 0x123, Access.READ);

        Either<String, Oracle> judged = after(capabilities, Oracle.Judging.DEFAULT, setUp)
                .observe(dma, Outcome.of(new Result.Translated(0x9123, 0xFFF, Permission.READ_WRITE)));
        assertThat(judged.getLeft()).as("§9.8: the unit's mode decides the entry format")
                .contains("PAGING_ENTRY_RESERVED(ch)").doesNotContain("admitted only under");
    }
}
