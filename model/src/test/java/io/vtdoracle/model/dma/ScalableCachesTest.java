package io.vtdoracle.model.dma;

import static org.assertj.core.api.Assertions.assertThat;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.Result;
import io.vtdoracle.api.ScalableMode;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.model.ReferenceModel;
import io.vtdoracle.model.UnitState;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Contract §9.9: what a scalable-mode request may be answered with after the guest changed a structure, and which
 * invalidation surely removes the stale answer. Each check lists the model's admitted results, fresh first.
 */
class ScalableCachesTest {

    private static final SourceId SID = SourceId.of(0, 3, 0);
    private static final long ROOT = 0x1000;
    private static final long CONTEXT = 0x10000;
    private static final long DIRECTORY = 0x20000;
    private static final long PASID_TABLE = 0x21000;
    private static final long TOP = 0x30000;
    private static final long MIDDLE = 0x31000;
    private static final long BOTTOM = 0x32000;
    private static final long QUEUE = 0x40000;
    private static final long FS_L4 = 0x50000;
    private static final long FS_L3 = 0x51000;
    private static final long FS_L2 = 0x52000;
    private static final long FS_L1 = 0x53000;
    private static final int DID = 9;
    private static final long SECOND_STAGE = 2 << 6 | 1 << 2 | 1;
    private static final long FIRST_STAGE = 1 << 6 | 1;
    private static final long PASS_THROUGH = 4 << 6 | 1;
    private static final long FS_RIGHTS = 7; // P, R/W, U/S
    private static final Capabilities CAPABILITIES = Capabilities.DEFAULT.withScalableMode(ScalableMode.ALL);

    private static UnitState apply(UnitState state, Operation... operations) {
        UnitState next = state;
        for (Operation operation : operations) {
            next = ReferenceModel.step(next, operation).canonical().next();
        }
        return next;
    }

    private static Operation memory(long address, long value) {
        return new Operation.WriteMemory(address, value);
    }

    /**
     * RID_PASID 0's entry with {@code pasidWord0} (DID 9), second-stage tables mapping page 0 to {@code 0x9000}, first
     * stage mapping it to 0x9000 too; a 256-bit invalidation queue; translation enabled with TTM = 01b.
     */
    private static UnitState device(long pasidWord0, long firstStagePointer) {
        UnitState state = ReferenceModel.powerOn(CAPABILITIES);
        return apply(state, memory(ROOT, CONTEXT | 1), memory(CONTEXT + SID.devfn() * 32L, DIRECTORY | 1),
                memory(DIRECTORY, PASID_TABLE | 1), memory(PASID_TABLE, pasidWord0), memory(PASID_TABLE + 8, DID),
                memory(PASID_TABLE + 16, firstStagePointer),
                memory(TOP, MIDDLE | 3), memory(MIDDLE, BOTTOM | 3), memory(BOTTOM, 0x9000 | 3),
                memory(FS_L4, FS_L3 | FS_RIGHTS), memory(FS_L3, FS_L2 | FS_RIGHTS), memory(FS_L2, FS_L1 | FS_RIGHTS),
                memory(FS_L1, 0x9000 | FS_RIGHTS),
                new Operation.WriteRegister(0x90, 8, QUEUE | 1 << 11), new Operation.WriteRegister(0x88, 8, 0),
                new Operation.WriteRegister(0x18, 4, 1L << 26),
                new Operation.WriteRegister(0x20, 8, ROOT | 1 << 10),
                new Operation.WriteRegister(0x18, 4, 1L << 26 | 1L << 30),
                new Operation.WriteRegister(0x18, 4, 1L << 26 | 1L << 31));
    }

    private static UnitState secondStage() {
        return device(TOP | SECOND_STAGE, 0);
    }

    private static UnitState firstStage() {
        return device(FIRST_STAGE, FS_L4);
    }

    /** Submits one 256-bit descriptor (q2, q3 zero) and moves the tail past it. */
    private static UnitState invalidate(UnitState state, long low, long high) {
        long tail = state.registers().invalidation().queueTail();
        UnitState next = apply(state, memory(QUEUE + tail, low), memory(QUEUE + tail + 8, high),
                memory(QUEUE + tail + 16, 0), memory(QUEUE + tail + 24, 0),
                new Operation.WriteRegister(0x88, 8, tail + 32));
        assertThat(next.faults().queueError()).as("descriptor %x accepted", low).isFalse();
        return next;
    }

    private static List<Result> results(UnitState state, long address, Access access) {
        return ReferenceModel.step(state, new Operation.DmaRequest(SID, address, access)).alternatives()
                .map(alternative -> alternative.outcome().result()).distinct().toJavaList();
    }

    private static Result at(long address) {
        return new Result.Translated(address, 0xFFF, Permission.READ_WRITE);
    }

    private static final long IOTLB_GLOBAL = 2 | 1 << 4;
    private static final long IOTLB_DOMAIN = 2 | 2 << 4 | (long) DID << 16;
    private static final long IOTLB_PAGE = 2 | 3 << 4 | (long) DID << 16;
    private static final long P_IOTLB_PASID = 6 | 2 << 4 | (long) DID << 16;
    private static final long P_IOTLB_PAGE = 6 | 3 << 4 | (long) DID << 16;
    private static final long PASID_CACHE_PASID = 7 | 1 << 4 | (long) DID << 16;
    private static final long PASID_CACHE_GLOBAL = 7 | 3 << 4;
    private static final long CONTEXT_DEVICE = 1 | 3 << 4 | (long) SID.value() << 32;
    private static final long CONTEXT_DOMAIN = 1 | 2 << 4;

    /** A second-stage device that translated page 0, then its leaf changed to 0xA000. */
    private static UnitState staleSecondStage() {
        return apply(secondStage(), new Operation.DmaRequest(SID, 0x123, Access.READ), memory(BOTTOM, 0xA000 | 3));
    }

    @Test
    void secondStageEntriesGoWithIotlbInvalidationsOfTheirPageDomainOrAll() {
        List<Result> both = List.of(at(0xA123), at(0x9123));
        List<Result> fresh = List.of(at(0xA123));
        assertThat(results(staleSecondStage(), 0x123, Access.READ)).isEqualTo(both);
        assertThat(results(invalidate(staleSecondStage(), IOTLB_PAGE, 0), 0x123, Access.READ)).isEqualTo(fresh);
        assertThat(results(invalidate(staleSecondStage(), IOTLB_PAGE, 0x1000), 0x123, Access.READ)).isEqualTo(both);
        assertThat(results(invalidate(staleSecondStage(), IOTLB_DOMAIN, 0), 0x123, Access.READ)).isEqualTo(fresh);
        assertThat(results(invalidate(staleSecondStage(), IOTLB_DOMAIN + (1 << 16), 0), 0x123, Access.READ))
                .isEqualTo(both);
        assertThat(results(invalidate(staleSecondStage(), IOTLB_GLOBAL, 0), 0x123, Access.READ)).isEqualTo(fresh);
    }

    @Test
    void pasidBasedAndPasidCacheInvalidationsLeaveSecondStageEntries() {
        List<Result> both = List.of(at(0xA123), at(0x9123));
        assertThat(results(invalidate(staleSecondStage(), P_IOTLB_PASID, 0), 0x123, Access.READ)).isEqualTo(both);
        assertThat(results(invalidate(staleSecondStage(), P_IOTLB_PAGE, 0), 0x123, Access.READ)).isEqualTo(both);
        assertThat(results(invalidate(staleSecondStage(), PASID_CACHE_GLOBAL, 0), 0x123, Access.READ))
                .isEqualTo(both);
        assertThat(results(invalidate(staleSecondStage(), CONTEXT_DEVICE, 0), 0x123, Access.READ)).isEqualTo(both);
    }

    /** A first-stage device that read page 0, then its leaf changed to 0xA000. */
    private static UnitState staleFirstStage() {
        return apply(firstStage(), new Operation.DmaRequest(SID, 0x123, Access.READ),
                memory(FS_L1, 0xA000 | FS_RIGHTS));
    }

    @Test
    void firstStageEntriesGoWithAnyIotlbInvalidationOfTheirDomainAndPasidBasedOnesOfTheirPasid() {
        List<Result> both = List.of(at(0xA123), at(0x9123));
        List<Result> fresh = List.of(at(0xA123));
        assertThat(results(staleFirstStage(), 0x123, Access.READ)).isEqualTo(both);
        assertThat(results(invalidate(staleFirstStage(), IOTLB_PAGE, 0x5000), 0x123, Access.READ))
                .as("§6.5.2.3: page-selective removes the domain's first-stage entries whatever the page")
                .isEqualTo(fresh);
        assertThat(results(invalidate(staleFirstStage(), P_IOTLB_PAGE, 0), 0x123, Access.READ)).isEqualTo(fresh);
        assertThat(results(invalidate(staleFirstStage(), P_IOTLB_PAGE, 0x5000), 0x123, Access.READ)).isEqualTo(both);
        assertThat(results(invalidate(staleFirstStage(), P_IOTLB_PASID, 0), 0x123, Access.READ)).isEqualTo(fresh);
        assertThat(results(invalidate(staleFirstStage(), P_IOTLB_PASID | 1L << 32, 0), 0x123, Access.READ))
                .as("another PASID").isEqualTo(both);
    }

    @Test
    void aFirstStageEntryFilledByAReadDoesNotAnswerAWrite() {
        assertThat(results(staleFirstStage(), 0x123, Access.WRITE)).containsExactly(at(0xA123));
        UnitState written = apply(firstStage(), new Operation.DmaRequest(SID, 0x123, Access.WRITE),
                memory(FS_L1, 0xA000 | FS_RIGHTS));
        assertThat(results(written, 0x123, Access.WRITE)).containsExactly(at(0xA123), at(0x9123));
    }

    @Test
    void aSwitchedPasidEntryIsAdmittedUntilThePasidCacheAndIotlbInvalidations() {
        // Pass-through translated page 0x9000; then the entry switches to the second stage (0x9000 -> 0x9000 too,
        // so the page 0 shows the switch: identity 0x123 before, 0x9123 after).
        UnitState switched = apply(device(PASS_THROUGH, 0), new Operation.DmaRequest(SID, 0x123, Access.READ),
                memory(PASID_TABLE, TOP | SECOND_STAGE));
        List<Result> both = List.of(at(0x9123), at(0x123));
        assertThat(results(switched, 0x123, Access.READ)).isEqualTo(both);
        UnitState pasidCacheOnly = invalidate(switched, PASID_CACHE_PASID, 0);
        assertThat(results(pasidCacheOnly, 0x123, Access.READ)).as("the pass-through IOTLB entry stays")
                .isEqualTo(both);
        assertThat(results(invalidate(pasidCacheOnly, P_IOTLB_PASID, 0), 0x123, Access.READ))
                .containsExactly(at(0x9123));
        assertThat(results(invalidate(switched, P_IOTLB_PASID, 0), 0x123, Access.READ))
                .as("the cached pass-through PASID-table entry stays").isEqualTo(both);
    }

    @Test
    void aChangedContextEntryIsAdmittedUntilADeviceSelectiveContextInvalidation() {
        // The context switches to RID_PASID 1, whose entry is not present: fresh requests fault 59h.
        UnitState changed = apply(secondStage(), new Operation.DmaRequest(SID, 0x123, Access.READ),
                memory(CONTEXT + SID.devfn() * 32L + 8, 1));
        assertThat(results(changed, 0x123, Access.READ)).hasSize(2).contains(at(0x9123));
        assertThat(results(invalidate(changed, CONTEXT_DOMAIN, 0), 0x123, Access.READ))
                .as("domain-selective: its DID is ignored, nothing surely removed").hasSize(2);
        assertThat(results(invalidate(changed, CONTEXT_DEVICE, 0), 0x123, Access.READ))
                .doesNotContain(at(0x9123)).hasSize(1);
    }
}
