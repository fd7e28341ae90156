package io.vtdoracle.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.collection.List;
import io.vtdoracle.api.Access;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.Result;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.guest.Domain;
import io.vtdoracle.guest.GuestDriver;
import io.vtdoracle.guest.InvalidationPath;
import io.vtdoracle.guest.PageSize;
import io.vtdoracle.guest.Registers;
import io.vtdoracle.model.Alternative;
import io.vtdoracle.model.Expectation;
import io.vtdoracle.model.ReferenceModel;
import io.vtdoracle.model.UnitState;
import org.junit.jupiter.api.Test;

/**
 * A domain-selective context-cache invalidation through CCMD may be performed globally (§10.4.7, CAIG): each one
 * splits the states in two, the global one holding fewer context entries. When a device keeps moving to new
 * domain-ids on the same page tables, every cached context (fresh or stale) gives the same outcome, so a request
 * to a new page fills the IOTLB under each domain-id the context cache still holds, and the pattern of which
 * commands were coarsened stays in the IOTLB: the consistent states double with every command. The Oracle keeps
 * only the states no other one subsumes (the same but for fewer cache entries): at most one per CAIG value.
 */
class OracleSubsumptionTest {

    private static final SourceId DEVICE = SourceId.of(0, 2, 0);
    private static final long FRAME = 0x40_0000;
    private static final int ROUNDS = 8;

    @Test
    void statesThatOnlyHoldFewerCacheEntriesAreMergedIntoTheOnesThatHoldMore() {
        GuestDriver driver = new GuestDriver(Capabilities.DEFAULT, 0x10_0000);
        driver.setRootTable();
        driver.enableTranslation();
        Oracle oracle = Oracle.powerOn(Capabilities.DEFAULT);
        List<UnitState> everyState = oracle.candidates();
        Domain tables = driver.createDomain(20);
        for (int round = 0; round < ROUNDS; round++) {
            long page = (round + 1L) << 12;
            driver.map(tables, page, FRAME, PageSize.SIZE_4K, Permission.READ_WRITE);
            driver.attach(DEVICE, new Domain(20 + round, tables.levels(), tables.table()));
            driver.invalidateContextDomain(InvalidationPath.REGISTER, 1);
            java.util.List<Operation> operations = new java.util.ArrayList<>(driver.drain());
            operations.add(new Operation.DmaRequest(DEVICE, page, Access.READ));
            for (Operation operation : operations) {
                Outcome canonical = oracle.expect(operation).canonical().outcome();
                oracle = oracle.observe(operation, canonical).get();
                everyState = admitted(everyState, operation, canonical);
            }
            assertThat(oracle.candidates().size()).isLessThanOrEqualTo(2);
        }
        // without merging, the states consistent with these outcomes are 2^8
        assertThat(everyState.size()).isGreaterThan(Oracle.MAX_CANDIDATES);
        // the merged states still tell the two CAIG values apart
        Operation readCcmd = new Operation.ReadRegister(Registers.CCMD + 4, 4);
        List<Object> caig = oracle.candidates().map(state -> ReferenceModel.step(state, readCcmd).canonical()
                .outcome().result());
        assertThat(caig).hasSize(2).doesNotHaveDuplicates();
        assertThat(oracle.observe(readCcmd, Outcome.of((Result) caig.get(1))).get().candidates()).hasSize(1);
    }

    /** Every distinct state admitted after {@code outcome}, merged only when equal. */
    private static List<UnitState> admitted(List<UnitState> states, Operation operation, Outcome outcome) {
        return Expectation.withoutRepeats(states.flatMap(state -> ReferenceModel.step(state, operation)
                .alternatives().filter(alternative -> alternative.outcome().equals(outcome))
                .map(Alternative::next)));
    }
}
