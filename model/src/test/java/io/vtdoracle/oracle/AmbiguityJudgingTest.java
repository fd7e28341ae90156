package io.vtdoracle.oracle;

import io.vavr.control.Either;
import io.vtdoracle.api.Access;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Event;
import io.vtdoracle.api.FaultReason;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.Result;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.guest.Domain;
import io.vtdoracle.guest.Encoding;
import io.vtdoracle.guest.GuestDriver;
import io.vtdoracle.guest.InvalidationPath;
import io.vtdoracle.guest.PageSize;
import io.vtdoracle.guest.Registers;
import io.vtdoracle.model.Ambiguity;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each open point of the specification (docs/ambiguities.md), one scenario per reading: the model's reading is
 * accepted by default and strictly; the other reading is accepted by default, saying under which ambiguity, and
 * rejected by strict judging, which names it.
 */
class AmbiguityJudgingTest {

    private static final SourceId DEVICE = SourceId.of(0, 3, 0);

    private final GuestDriver driver = new GuestDriver(Capabilities.DEFAULT, 0x10_0000);
    private final List<Operation> issued = new ArrayList<>();

    @Test
    void a1ReservedBitsFirstOrPermissionFirst() {
        Domain domain = translated();
        driver.map(domain, 0x10000, 0x500000, PageSize.SIZE_4K, Permission.READ);
        long leaf = leafSlot(domain, 0x10000);
        driver.writeWord(leaf, driver.readWord(leaf) | 1L << 11);
        Operation write = new Operation.DmaRequest(DEVICE, 0x10000, Access.WRITE);

        assertReadings(write, fault(FaultReason.PAGING_ENTRY_RESERVED), fault(FaultReason.WRITE_NOT_PERMITTED),
                Ambiguity.A1);
    }

    @Test
    void a1AcrossLevelsAnUpperEntryWithoutTheRightStopsTheWalk() {
        Domain domain = translated();
        driver.map(domain, 0x10000, 0x500000, PageSize.SIZE_4K, Permission.READ_WRITE);
        long top = domain.table() + 8 * ((0x10000L >>> 30) & 0x1FF);
        driver.writeWord(top, driver.readWord(top) & ~2L);          // the top entry loses W
        long leaf = leafSlot(domain, 0x10000);
        driver.writeWord(leaf, driver.readWord(leaf) | 1L << 11);  // the leaf has a reserved bit
        Operation write = new Operation.DmaRequest(DEVICE, 0x10000, Access.WRITE);

        assertReadings(write, fault(FaultReason.PAGING_ENTRY_RESERVED), fault(FaultReason.WRITE_NOT_PERMITTED),
                Ambiguity.A1);
    }

    @Test
    void a1AnUpperEntryWithoutTheRightComesBeforeAnUnreadableLowerTable() {
        Domain domain = translated();
        driver.map(domain, 0x10000, 0x500000, PageSize.SIZE_4K, Permission.READ_WRITE);
        long top = domain.table() + 8 * ((0x10000L >>> 30) & 0x1FF);
        driver.writeWord(top, driver.readWord(top) & ~2L);               // the top entry loses W
        long directory = (driver.readWord(top) & ~0xFFFL) + 8 * ((0x10000L >>> 21) & 0x1FF);
        driver.writeWord(directory, 0x7F_0000_0000L | 3);                // the PDE points outside memory
        Operation write = new Operation.DmaRequest(DEVICE, 0x10000, Access.WRITE);

        assertReadings(write, fault(FaultReason.PAGING_ENTRY_ACCESS_ERROR), fault(FaultReason.WRITE_NOT_PERMITTED),
                Ambiguity.A1);
    }

    @Test
    void a2IqaWrittenWhileQueuedInvalidationIsOn() {
        driver.enableQueuedInvalidation();
        long queue = driver.queueAddress();
        driver.writeRegister(Registers.IQA, 8, 0x20_0000L);
        Operation read = new Operation.ReadRegister(Registers.IQA, 8);

        assertReadings(read, Outcome.of(new Result.Value(0x20_0000L)), Outcome.of(new Result.Value(queue)),
                Ambiguity.A2);
    }

    @Test
    void a3UpperAddressRegisterWithoutEimReadsZero() {
        driver.writeRegister(Registers.IEUADDR, 4, 0x1);
        Operation read = new Operation.ReadRegister(Registers.IEUADDR, 4);

        assertReadings(read, Outcome.of(new Result.Value(0x1)), Outcome.of(new Result.Value(0x0)), Ambiguity.A3);
    }

    @Test
    void a4RegisterInvalidationWhileQueuedInvalidationIsOnLeftPending() {
        driver.enableQueuedInvalidation();
        driver.writeRegister(Registers.CCMD, 8, Encoding.ccmd(1, 0, null, 0));
        Operation read = new Operation.ReadRegister(Registers.CCMD + 4, 4);

        // rejected: ICC cleared, CIRG 1, CAIG 0; pending: ICC stays set
        assertReadings(read, Outcome.of(new Result.Value(0x2000_0000L)), Outcome.of(new Result.Value(0xA000_0000L)),
                Ambiguity.A4);
    }

    @Test
    void a6FaultEventDataWithSixteenBitsReadsBitsThirtyOneToSixteenZero() {
        driver.writeRegister(Registers.FEDATA, 4, 0xBA22_7976L);
        Operation read = new Operation.ReadRegister(Registers.FEDATA, 4);

        assertReadings(read, Outcome.of(new Result.Value(0xBA22_7976L)), Outcome.of(new Result.Value(0x7976)),
                Ambiguity.A6);
    }

    @Test
    void a6CompletionEventDataWrittenWithItsControlRegister() {
        driver.writeRegister(Registers.IECTL, 8, 0x1234_5678L << 32 | 1L << 31);
        Operation read = new Operation.ReadRegister(Registers.IEDATA, 4);

        assertReadings(read, Outcome.of(new Result.Value(0x1234_5678L)), Outcome.of(new Result.Value(0x5678)),
                Ambiguity.A6);
    }

    @Test
    void aRejectionNamesTheSectionsOfTheRulesThatDecided() {
        Domain domain = translated();
        driver.map(domain, 0x10000, 0x500000, PageSize.SIZE_4K, Permission.READ);
        Operation write = new Operation.DmaRequest(DEVICE, 0x10000, Access.WRITE);

        Either<String, Oracle> verdict = set(Oracle.Judging.STRICT).observe(write, fault(FaultReason.READ_NOT_PERMITTED));

        assertThat(verdict.getLeft()).contains("WRITE_NOT_PERMITTED(5h)").contains("§7.1.3").contains("§9.8");
    }

    /** The model's reading is accepted in both modes; the other only by default, saying so; strict names it. */
    private void assertReadings(Operation operation, Outcome preferred, Outcome other, Ambiguity ambiguity) {
        for (Oracle.Judging judging : List.of(Oracle.Judging.DEFAULT, Oracle.Judging.STRICT)) {
            Either<String, Oracle> own = set(judging).observe(operation, preferred);
            assertThat(own.isRight()).as("%s under %s: %s", preferred, judging, own).isTrue();
            assertThat(own.get().acceptedUnder()).isEmpty();
        }
        Either<String, Oracle> accepted = set(Oracle.Judging.DEFAULT).observe(operation, other);
        assertThat(accepted.isRight()).as("%s", accepted).isTrue();
        assertThat(accepted.get().acceptedUnder()).contains("accepted under " + ambiguity.otherReading());

        Either<String, Oracle> strict = set(Oracle.Judging.STRICT).observe(operation, other);
        assertThat(strict.isLeft()).isTrue();
        if (ambiguity == Ambiguity.A1) {
            // decided in this very step, so the verdict can name the reading; a register's other reading was
            // taken at the earlier write, whose path strict judging dropped there
            assertThat(strict.getLeft()).contains("admitted only under " + ambiguity.otherReading());
        }
    }

    /** The oracle after the driver's operations so far, each answered as the model does on its own. */
    private Oracle set(Oracle.Judging judging) {
        issued.addAll(driver.drain());
        Oracle oracle = Oracle.powerOn(Capabilities.DEFAULT, judging);
        for (Operation operation : issued) {
            oracle = oracle.observe(operation, oracle.expect(operation).canonical().outcome()).get();
        }
        return oracle;
    }

    private Domain translated() {
        driver.setRootTable();
        Domain domain = driver.createDomain(5);
        driver.attach(DEVICE, domain);
        driver.invalidateContextGlobal(InvalidationPath.REGISTER);
        driver.invalidateIotlbGlobal(InvalidationPath.REGISTER);
        driver.enableTranslation();
        return domain;
    }

    private long leafSlot(Domain domain, long iova) {
        long table = domain.table();
        for (int level = domain.levels(); level > 1; level--) {
            table = driver.readWord(table + 8 * ((iova >>> (12 + 9 * (level - 1))) & 0x1FF)) & ~0xFFFL;
        }
        return table + 8 * ((iova >>> 12) & 0x1FF);
    }

    private static Outcome fault(FaultReason reason) {
        return new Outcome(new Result.DmaFault(reason), List.of(new Event.FaultRecorded(0, DEVICE, reason, 0x10000,
                Access.WRITE)));
    }
}
