package io.vtdoracle.impl;

import static io.vtdoracle.api.Access.READ;
import static io.vtdoracle.api.Access.WRITE;
import static org.assertj.core.api.Assertions.assertThat;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Event;
import io.vtdoracle.api.FaultReason;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.Result;
import io.vtdoracle.api.SourceId;
import org.junit.jupiter.api.Test;

class DmaTranslationTest {

    private static final int SID = 0x0108;

    private static Result.DmaFault fault(FaultReason reason) {
        return new Result.DmaFault(reason);
    }

    private static Guest translating(Capabilities capabilities, int levels) {
        Guest guest = new Guest(capabilities);
        guest.context(SID, 1, levels);
        guest.enableTranslation();
        return guest;
    }

    @Test
    void translationDisabledIsTheIdentity() {
        Guest guest = new Guest(Capabilities.DEFAULT);
        assertThat(guest.dma(SID, 0x1234_5678L, WRITE))
                .isEqualTo(new Result.Translated(0x1234_5678L, 0xFFF, Permission.READ_WRITE));
    }

    @Test
    void translatesThroughThreeAndFourLevelTables() {
        Guest three = translating(Capabilities.DEFAULT, 3);
        three.map(SID, 0x7000_1000L, 0x4_5000, 1, 1);
        assertThat(three.dma(SID, 0x7000_1ABCL, READ))
                .isEqualTo(new Result.Translated(0x4_5ABC, 0xFFF, Permission.READ));

        Guest four = translating(Capabilities.DEFAULT.withAddressWidth(48), 4);
        four.map(SID, 0x7F_0000_1000L, 0x4_5000, 1, 3);
        assertThat(four.dma(SID, 0x7F_0000_1008L, WRITE))
                .isEqualTo(new Result.Translated(0x4_5008, 0xFFF, Permission.READ_WRITE));
    }

    @Test
    void translatesSuperpages() {
        Guest guest = translating(Capabilities.DEFAULT, 3);
        guest.map(SID, 0x4000_0000L, 0x4000_0000L, 3, 3);
        guest.map(SID, 0x20_0000, 0x60_0000, 2, 2);
        assertThat(guest.dma(SID, 0x4123_4567L, READ))
                .isEqualTo(new Result.Translated(0x4123_4567L, 0x3FFF_FFFFL, Permission.READ_WRITE));
        assertThat(guest.dma(SID, 0x21_2345, WRITE))
                .isEqualTo(new Result.Translated(0x61_2345, 0x1F_FFFF, Permission.WRITE));
    }

    @Test
    void superpagesAreReservedWithoutSuperpageSupport() {
        Guest guest = translating(Capabilities.DEFAULT.withSuperpages(false), 3);
        guest.map(SID, 0x20_0000, 0x60_0000, 2, 3);
        assertThat(guest.dma(SID, 0x20_0000, READ)).isEqualTo(fault(FaultReason.PAGING_ENTRY_RESERVED));
    }

    @Test
    void permissionFaultsAreRecordedWithTheirAccessType() {
        Guest guest = translating(Capabilities.DEFAULT, 3);
        guest.map(SID, 0x1000, 0x5000, 1, 1);
        Outcome outcome = guest.dmaOutcome(SID, 0x1234, WRITE);
        assertThat(outcome.result()).isEqualTo(fault(FaultReason.WRITE_NOT_PERMITTED));
        assertThat(outcome.events()).containsExactly(
                new Event.FaultRecorded(0, new SourceId(SID), FaultReason.WRITE_NOT_PERMITTED, 0x1000, WRITE));
        assertThat(guest.read64(Guest.FRCD)).isEqualTo(0x1000);
        assertThat(guest.read64(Guest.FRCD + 8)).isEqualTo(1L << 63 | 0x5L << 32 | SID);
    }

    @Test
    void notPresentEntriesFaultByAccessType() {
        Guest guest = translating(Capabilities.DEFAULT, 3);
        assertThat(guest.dma(SID, 0x1000, READ)).isEqualTo(fault(FaultReason.READ_NOT_PERMITTED));
        guest.write64(Guest.FRCD + 8, 1L << 63);
        assertThat(guest.dma(SID, 0x1000, WRITE)).isEqualTo(fault(FaultReason.WRITE_NOT_PERMITTED));
        assertThat(guest.read64(Guest.FRCD + 8) >>> 62 & 1).as("T is 0 for writes").isZero();
    }

    @Test
    void rootAndContextFaults() {
        Guest guest = new Guest(Capabilities.DEFAULT);
        guest.enableTranslation();
        assertThat(guest.dma(SID, 0, READ)).isEqualTo(fault(FaultReason.ROOT_ENTRY_NOT_PRESENT));

        guest.contextEntry(SID, 0, 0);
        assertThat(guest.dma(SID + 1, 0, READ)).isEqualTo(fault(FaultReason.CONTEXT_ENTRY_NOT_PRESENT));

        guest.contextEntry(SID + 2, 0x5000 | 1 | 1 << 4, 1);
        assertThat(guest.dma(SID + 2, 0, READ)).isEqualTo(fault(FaultReason.CONTEXT_ENTRY_RESERVED));

        guest.contextEntry(SID + 3, 0x5000 | 1, 2);
        assertThat(guest.dma(SID + 3, 0, READ)).as("AW 48 not in SAGAW with aw 39")
                .isEqualTo(fault(FaultReason.CONTEXT_ENTRY_INVALID));

        guest.contextEntry(SID + 4, 0x5000 | 1 | 3 << 2, 1);
        assertThat(guest.dma(SID + 4, 0, READ)).isEqualTo(fault(FaultReason.CONTEXT_ENTRY_INVALID));

        guest.contextEntry(SID + 5, 0x5000 | 1 | 1 << 2, 1);
        assertThat(guest.dma(SID + 5, 0, READ)).as("TT 1 without device-TLB support")
                .isEqualTo(fault(FaultReason.CONTEXT_ENTRY_INVALID));

        guest.mem(guest.root + 1 * 16 + 8, 1);
        guest.mem(guest.root + 1 * 16, 0x5001);
        assertThat(guest.dma(SID, 0, READ)).isEqualTo(fault(FaultReason.ROOT_ENTRY_RESERVED));
    }

    @Test
    void tablesOutsideMemoryAreAccessErrors() {
        Guest guest = new Guest(Capabilities.DEFAULT);
        guest.write64(Guest.RTADDR, 0x1_0000_0000L);
        guest.gcmdOneShot(Guest.SRTP);
        guest.enableTranslation();
        assertThat(guest.dma(SID, 0, READ)).isEqualTo(fault(FaultReason.ROOT_TABLE_ACCESS_ERROR));

        Guest context = new Guest(Capabilities.DEFAULT);
        context.enableTranslation();
        context.mem(context.root + 16, 0x8000_0000L | 1);
        assertThat(context.dma(SID, 0, READ)).isEqualTo(fault(FaultReason.CONTEXT_TABLE_ACCESS_ERROR));

        Guest top = new Guest(Capabilities.DEFAULT);
        top.enableTranslation();
        top.contextEntry(SID, 0x8000_0000L | 1, 1 | 1 << 8);
        assertThat(top.dma(SID, 0, READ)).isEqualTo(fault(FaultReason.CONTEXT_ENTRY_INVALID));

        Guest lower = translating(Capabilities.DEFAULT, 3);
        lower.map(SID, 0, 0, 1, 3);
        lower.mem(lower.entryAddress(SID, 0, 3), 0x8000_0000L | 3);
        assertThat(lower.dma(SID, 0, READ)).isEqualTo(fault(FaultReason.PAGING_ENTRY_ACCESS_ERROR));
    }

    @Test
    void addressesBeyondTheContextsWidthFault() {
        Guest guest = translating(Capabilities.DEFAULT.withAddressWidth(48), 3);
        assertThat(guest.dma(SID, 1L << 39, READ)).isEqualTo(fault(FaultReason.ADDRESS_BEYOND_MGAW));
        assertThat(guest.dma(SID, -4096, READ)).isEqualTo(fault(FaultReason.ADDRESS_BEYOND_MGAW));
    }

    @Test
    void reservedBitsInPagingEntries() {
        Guest guest = translating(Capabilities.DEFAULT, 3);
        guest.map(SID, 0x1000, 0x5000, 1, 3);
        guest.mem(guest.entryAddress(SID, 0x1000, 1), 0x5000 | 3 | 1L << 11);
        assertThat(guest.dma(SID, 0x1000, READ)).isEqualTo(fault(FaultReason.PAGING_ENTRY_RESERVED));
        guest.write64(Guest.FRCD + 8, 1L << 63);
        guest.mem(guest.entryAddress(SID, 0x1000, 1), 0x5000 | 3 | 1L << 63 | 1L << 52);
        guest.invalidateAllByRegister();
        assertThat(guest.dma(SID, 0x1000, READ)).as("bits 63 and 61:52 are ignored")
                .isEqualTo(new Result.Translated(0x5000, 0xFFF, Permission.READ_WRITE));
        guest.map(SID, 0x20_0000, 0x61_0000, 2, 3);
        assertThat(guest.dma(SID, 0x20_0000, READ)).as("2 MiB leaf with alignment bits")
                .isEqualTo(fault(FaultReason.PAGING_ENTRY_RESERVED));
    }

    @Test
    void reservedPsAtLevelFour() {
        Guest guest = translating(Capabilities.DEFAULT.withAddressWidth(48), 4);
        guest.map(SID, 0, 0, 4, 3);
        assertThat(guest.dma(SID, 0, READ)).isEqualTo(fault(FaultReason.PAGING_ENTRY_RESERVED));
    }

    @Test
    void passThroughIsTheIdentity() {
        Guest guest = new Guest(Capabilities.DEFAULT);
        guest.enableTranslation();
        guest.contextEntry(SID, 1 | 2 << 2, 1 | 3 << 8);
        assertThat(guest.dma(SID, 0xFEDC_B000L, WRITE))
                .isEqualTo(new Result.Translated(0xFEDC_B000L, 0xFFF, Permission.READ_WRITE));
        Guest noPassThrough = new Guest(Capabilities.DEFAULT.withPassThrough(false));
        noPassThrough.enableTranslation();
        noPassThrough.contextEntry(SID, 1 | 2 << 2, 1 | 3 << 8);
        assertThat(noPassThrough.dma(SID, 0, WRITE)).isEqualTo(fault(FaultReason.CONTEXT_ENTRY_INVALID));
    }

    @Test
    void theInterruptWindow() {
        Guest guest = translating(Capabilities.DEFAULT, 3);
        assertThat(guest.dmaOutcome(SID, 0xFEE0_1000L, READ)).isEqualTo(Outcome.of(Result.BLOCKED));
        assertThat(guest.dma(SID, 0xFEE0_1000L, WRITE)).isInstanceOf(Result.InterruptForwarded.class);
        guest.map(SID, 0x20_0000, 0xFEE0_0000L, 2, 3);
        assertThat(guest.dma(SID, 0x20_0000, READ)).isEqualTo(fault(FaultReason.INTERRUPT_ADDRESS));
        guest.write64(Guest.FRCD + 8, 1L << 63);
        assertThat(guest.dma(SID, 0x30_0000, READ)).as("the upper half translates outside the window")
                .isEqualTo(new Result.Translated(0xFEF0_0000L, 0x1F_FFFF, Permission.READ_WRITE));
        assertThat(guest.dma(SID, 0x2F_F000, READ)).as("the cached leaf is checked again")
                .isEqualTo(fault(FaultReason.INTERRUPT_ADDRESS));
    }

    @Test
    void fpdSuppressesOnlyQualifiedFaults() {
        Guest guest = new Guest(Capabilities.DEFAULT);
        guest.enableTranslation();
        long top = guest.page();
        guest.contextEntry(SID, top | 1 | 2, 1 | 1 << 8);
        Outcome qualified = guest.dmaOutcome(SID, 0x1000, READ);
        assertThat(qualified.result()).isEqualTo(fault(FaultReason.READ_NOT_PERMITTED));
        assertThat(qualified.events()).isEmpty();
        guest.contextEntry(SID + 1, 2, 0);
        assertThat(guest.dmaOutcome(SID + 1, 0, READ).events()).as("2h is qualified").isEmpty();
        guest.mem(guest.root + 16 * 5, 1 | 1 << 3);
        assertThat(guest.dmaOutcome(0x0500, 0, READ).events()).as("Ah is not qualified").hasSize(1);
    }

    @Test
    void theIotlbMayAnswerWithAStaleTranslationUntilInvalidated() {
        Guest guest = translating(Capabilities.DEFAULT, 3);
        guest.map(SID, 0x1000, 0x5000, 1, 3);
        assertThat(guest.dma(SID, 0x1000, READ)).isEqualTo(new Result.Translated(0x5000, 0xFFF,
                Permission.READ_WRITE));
        guest.map(SID, 0x1000, 0x9000, 1, 1);
        assertThat(guest.dma(SID, 0x1000, READ)).as("stale, admitted")
                .isEqualTo(new Result.Translated(0x5000, 0xFFF, Permission.READ_WRITE));
        guest.invalidatePages(1, 0x1000, 0);
        assertThat(guest.dma(SID, 0x1000, READ)).isEqualTo(new Result.Translated(0x9000, 0xFFF, Permission.READ));
        assertThat(guest.dma(SID, 0x1000, WRITE)).as("the cached permission is checked")
                .isEqualTo(fault(FaultReason.WRITE_NOT_PERMITTED));
    }

    @Test
    void anIotlbEntryAnswersOnlyUnderItsDomain() {
        Guest guest = translating(Capabilities.DEFAULT, 3);
        guest.map(SID, 0x1000, 0x5000, 1, 3);
        guest.dma(SID, 0x1000, READ);
        long top = guest.page();
        guest.contextEntry(SID, top | 1, 1 | 2 << 8);
        guest.write64(Guest.CCMD, 1L << 63 | 1L << 61);
        assertThat(guest.dma(SID, 0x1000, READ)).as("the new domain's empty tables")
                .isEqualTo(fault(FaultReason.READ_NOT_PERMITTED));
    }

    @Test
    void theFastPathReportsWithoutAnOutcome() {
        Guest guest = translating(Capabilities.DEFAULT, 3);
        guest.map(SID, 0x20_0000, 0x60_0000, 2, 1);
        FastRemappingUnit unit = guest.unit;
        assertThat(unit.translate(SID, 0x20_1234, false)).isEqualTo(FastRemappingUnit.TRANSLATED);
        assertThat(unit.translatedAddress()).isEqualTo(0x60_1234);
        assertThat(unit.pageMask()).isEqualTo(0x1F_FFFF);
        assertThat(unit.rights()).isEqualTo(1);
        assertThat(unit.translate(SID, 0x20_1234, true)).isEqualTo(FaultReason.WRITE_NOT_PERMITTED.code());
        assertThat(unit.lastEvents()).hasSize(1);
        assertThat(unit.translate(SID, 0xFEE0_0000L, false)).isEqualTo(FastRemappingUnit.BLOCKED);
        assertThat(unit.translate(SID, 0xFEE0_0000L, true)).isEqualTo(FastRemappingUnit.INTERRUPT_WINDOW_WRITE);
    }
}
