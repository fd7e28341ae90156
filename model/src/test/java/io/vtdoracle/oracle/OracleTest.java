package io.vtdoracle.oracle;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Event;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Result;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.guest.GuestDriver;
import io.vtdoracle.guest.Registers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The oracle follows every model state a unit may be in. With one fault recording register, a second fault from
 * the same source-id may be collapsed (§7.2.1) or overflow the register file (PFO): both show no event, and
 * only a later FSTS read tells them apart.
 */
class OracleTest {

    private static final SourceId DEVICE = SourceId.of(0, 1, 0);
    private static final Operation DMA = new Operation.DmaRequest(DEVICE, 0x5000, Access.READ);
    private static final Operation READ_FSTS = new Operation.ReadRegister(Registers.FSTS, 4);
    private static final int PPF = 0x2;
    private static final int PFO = 0x1;

    private Oracle oracle;

    @BeforeEach
    void translationOnWithoutRootEntries() {
        GuestDriver driver = new GuestDriver(Capabilities.DEFAULT, 0x10_0000);
        driver.setRootTable();
        driver.enableTranslation();
        oracle = Oracle.powerOn(Capabilities.DEFAULT);
        for (Operation operation : driver.drain()) {
            oracle = oracle.observe(operation, new ModelUnitStep(oracle).outcome(operation)).get();
        }
        Outcome first = new ModelUnitStep(oracle).outcome(DMA);
        assertThat(first.events()).hasSize(1).first().isInstanceOf(Event.FaultRecorded.class);
        oracle = oracle.observe(DMA, first).get();
    }

    @Test
    void aSecondFaultWithoutEventsLeavesTwoStatesOpen() {
        Outcome silent = new Outcome(new Result.DmaFault(io.vtdoracle.api.FaultReason.ROOT_ENTRY_NOT_PRESENT),
                java.util.List.of());

        oracle = oracle.observe(DMA, silent).get();

        assertThat(oracle.candidates()).hasSize(2);
    }

    @Test
    void anFstsReadShowingOverflowIsAdmittedAndNarrowsTheStates() {
        oracle = oracle.observe(DMA, silentFault()).get();

        var afterRead = oracle.observe(READ_FSTS, Outcome.of(new Result.Value(PPF | PFO)));

        assertThat(afterRead.isRight()).isTrue();
        assertThat(afterRead.get().candidates()).hasSize(1);
        assertThat(afterRead.get().state().faults().overflow()).isTrue();
    }

    @Test
    void anFstsReadShowingTheCollapsedFaultIsAdmittedToo() {
        oracle = oracle.observe(DMA, silentFault()).get();

        var afterRead = oracle.observe(READ_FSTS, Outcome.of(new Result.Value(PPF)));

        assertThat(afterRead.isRight()).isTrue();
        assertThat(afterRead.get().candidates()).hasSize(1);
        assertThat(afterRead.get().state().faults().overflow()).isFalse();
    }

    @Test
    void aValueNoCandidateAllowsIsAVerdictNamingWhatWasAllowed() {
        oracle = oracle.observe(DMA, silentFault()).get();

        var verdict = oracle.observe(READ_FSTS, Outcome.of(new Result.Value(0x10)));

        assertThat(verdict.isLeft()).isTrue();
        assertThat(verdict.getLeft()).contains("value 0x10").contains("value 0x3").contains("value 0x2");
    }

    @Test
    void aPartialObservationIsJudgedByItsPredicate() {
        var seenAsFault = oracle.observe(DMA, outcome -> outcome.result() instanceof Result.DmaFault, "a fault");
        var seenAsTranslated = oracle.observe(DMA, outcome -> outcome.result() instanceof Result.Translated,
                "a translation");

        assertThat(seenAsFault.isRight()).isTrue();
        assertThat(seenAsTranslated.getLeft()).startsWith("outcome a translation of");
    }

    private static Outcome silentFault() {
        return Outcome.of(new Result.DmaFault(io.vtdoracle.api.FaultReason.ROOT_ENTRY_NOT_PRESENT));
    }

    /** The canonical outcome of the oracle's first state, as a unit caching nothing would answer. */
    private record ModelUnitStep(Oracle oracle) {
        Outcome outcome(Operation operation) {
            return oracle.expect(operation).canonical().outcome();
        }
    }
}
