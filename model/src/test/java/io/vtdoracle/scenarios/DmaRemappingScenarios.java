package io.vtdoracle.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Event;
import io.vtdoracle.api.FaultReason;
import io.vtdoracle.api.MsiMessage;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.api.Result;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.guest.Domain;
import io.vtdoracle.guest.Encoding;
import io.vtdoracle.guest.GuestDriver;
import io.vtdoracle.guest.InvalidationPath;
import io.vtdoracle.guest.PageSize;
import io.vtdoracle.guest.Registers;
import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * Contract §3: untranslated DMA requests with deterministic outcomes (nothing stale can be cached): identity,
 * pass-through, translations of every leaf size and address width, every fault reason with its record, FPD.
 */
public abstract class DmaRemappingScenarios {

    private static final SourceId DEVICE = SourceId.of(0, 3, 0);
    private static final int DID = 5;

    protected abstract RemappingUnit.Factory factory();

    /** A guest that set the root table and enabled translation, with DEVICE attached to domain DID. */
    private Fixture fixture(Capabilities capabilities) {
        Guest guest = new Guest(factory(), capabilities);
        GuestDriver driver = guest.driver();
        driver.setRootTable();
        Domain domain = driver.createDomain(DID);
        driver.attach(DEVICE, domain);
        driver.enableTranslation();
        guest.run();
        return new Fixture(guest, driver, domain);
    }

    private Fixture fixture() {
        return fixture(Capabilities.DEFAULT);
    }

    private record Fixture(Guest guest, GuestDriver driver, Domain domain) {
        Outcome dma(SourceId source, long address, Access access) {
            return guest.apply(new Operation.DmaRequest(source, address, access));
        }

        Outcome dma(long address, Access access) {
            return dma(DEVICE, address, access);
        }

        void map(long iova, long target, PageSize size, Permission permission) {
            driver.map(domain, iova, target, size, permission);
            driver.invalidateIotlbDomain(InvalidationPath.REGISTER, DID);
            guest.run();
        }

        /** Replaces the device's context entry and invalidates the context cache for it. */
        void context(long low, long high) {
            driver.writeContext(DEVICE, low, high);
            driver.invalidateContextGlobal(InvalidationPath.REGISTER);
            driver.invalidateIotlbGlobal(InvalidationPath.REGISTER);
            guest.run();
        }
    }

    private static Result translated(long address, long mask, Permission permission) {
        return new Result.Translated(address, mask, permission);
    }

    private static Outcome recorded(FaultReason reason, long page, Access access) {
        return new Outcome(new Result.DmaFault(reason),
                List.of(new Event.FaultRecorded(0, DEVICE, reason, page, access)));
    }

    @Test
    void translationDisabledIsTheIdentity() {
        Guest guest = new Guest(factory(), Capabilities.DEFAULT);
        assertThat(guest.apply(new Operation.DmaRequest(DEVICE, 0x1234_5678L, Access.WRITE)))
                .isEqualTo(Outcome.of(translated(0x1234_5678L, 0xFFF, Permission.READ_WRITE)));
    }

    @Test
    void passThroughIsTheIdentity() {
        Fixture fixture = fixture();
        fixture.driver().attachPassThrough(DEVICE, DID);
        fixture.driver().invalidateContextGlobal(InvalidationPath.REGISTER);
        fixture.guest().run();
        assertThat(fixture.dma(0x7_0000_1234L, Access.READ))
                .isEqualTo(Outcome.of(translated(0x7_0000_1234L, 0xFFF, Permission.READ_WRITE)));
    }

    @Test
    void translatesLeavesOf4k2mAnd1g() {
        Fixture fixture = fixture();
        fixture.map(0x1000, 0x3000_0000L, PageSize.SIZE_4K, Permission.READ);
        fixture.map(0x40_0000, 0x3400_0000L, PageSize.SIZE_2M, Permission.WRITE);
        fixture.map(0x4000_0000L, 0xC000_0000L, PageSize.SIZE_1G, Permission.READ_WRITE);
        assertThat(fixture.dma(0x1ABC, Access.READ).result())
                .isEqualTo(translated(0x3000_0ABCL, 0xFFF, Permission.READ));
        assertThat(fixture.dma(0x5F_FFFF, Access.WRITE).result())
                .isEqualTo(translated(0x341F_FFFFL, 0x1F_FFFF, Permission.WRITE));
        assertThat(fixture.dma(0x7FFF_0000L, Access.READ).result())
                .isEqualTo(translated(0xFFFF_0000L, 0x3FFF_FFFF, Permission.READ_WRITE));
    }

    @Test
    void fourAndThreeLevelContextsOnA48BitUnit() {
        Fixture fixture = fixture(Capabilities.DEFAULT.withAddressWidth(48));
        assertThat(fixture.domain().levels()).isEqualTo(4);
        fixture.map(0xFF_8000_0000L, 0x5000, PageSize.SIZE_4K, Permission.READ_WRITE);
        assertThat(fixture.dma(0xFF_8000_0010L, Access.WRITE).result())
                .isEqualTo(translated(0x5010, 0xFFF, Permission.READ_WRITE));
        assertThat(fixture.dma(1L << 48, Access.WRITE))
                .isEqualTo(recorded(FaultReason.ADDRESS_BEYOND_MGAW, 1L << 48, Access.WRITE));

        Fixture three = fixture(Capabilities.DEFAULT.withAddressWidth(48));
        Domain domain = three.driver().createDomain(DID, 3);
        three.driver().attach(DEVICE, domain);
        three.driver().map(domain, 0x7F_C000_0000L, 0x4000_0000L, PageSize.SIZE_1G, Permission.READ);
        three.driver().invalidateContextGlobal(InvalidationPath.REGISTER);
        three.driver().invalidateIotlbGlobal(InvalidationPath.REGISTER);
        three.guest().run();
        assertThat(three.dma(0x7F_C000_0001L, Access.READ).result())
                .isEqualTo(translated(0x4000_0001L, 0x3FFF_FFFF, Permission.READ));
        assertThat(three.dma(1L << 39, Access.READ))
                .isEqualTo(recorded(FaultReason.ADDRESS_BEYOND_MGAW, 1L << 39, Access.READ));
    }

    @Test
    void rootFaults() {
        Fixture fixture = fixture();
        SourceId otherBus = SourceId.of(1, 0, 0);
        Outcome notPresent = fixture.dma(otherBus, 0x2000, Access.READ);
        assertThat(notPresent).isEqualTo(new Outcome(new Result.DmaFault(FaultReason.ROOT_ENTRY_NOT_PRESENT),
                List.of(new Event.FaultRecorded(0, otherBus, FaultReason.ROOT_ENTRY_NOT_PRESENT, 0x2000,
                        Access.READ))));

        Fixture reserved = fixture();
        long rootTable = reserved.guest().read64(Registers.RTADDR);
        reserved.driver().writeWord(rootTable + 8, 1);
        assertThat(reserved.dma(0x2000, Access.WRITE))
                .isEqualTo(recorded(FaultReason.ROOT_ENTRY_RESERVED, 0x2000, Access.WRITE));

        Fixture unreadable = fixture();
        unreadable.guest().write64(Registers.RTADDR, 0x1_0000_0000L);
        unreadable.guest().write32(Registers.GCMD, Registers.TE | Registers.SRTP);
        assertThat(unreadable.dma(0x2000, Access.READ))
                .isEqualTo(recorded(FaultReason.ROOT_TABLE_ACCESS_ERROR, 0x2000, Access.READ));

        Fixture contextTable = fixture();
        long root = contextTable.guest().read64(Registers.RTADDR);
        contextTable.driver().writeWord(root, Encoding.rootEntryLow(0x1_0000_0000L, true));
        assertThat(contextTable.dma(0x2000, Access.READ))
                .isEqualTo(recorded(FaultReason.CONTEXT_TABLE_ACCESS_ERROR, 0x2000, Access.READ));
    }

    @Test
    void contextFaults() {
        Fixture notPresent = fixture();
        notPresent.context(0, 0);
        assertThat(notPresent.dma(0x2000, Access.READ))
                .isEqualTo(recorded(FaultReason.CONTEXT_ENTRY_NOT_PRESENT, 0x2000, Access.READ));

        Fixture reserved = fixture();
        reserved.context(reserved.domain().table() | 1 | 1 << 4, Encoding.contextEntryHigh(1, DID));
        assertThat(reserved.dma(0x2000, Access.READ))
                .isEqualTo(recorded(FaultReason.CONTEXT_ENTRY_RESERVED, 0x2000, Access.READ));

        Fixture width = fixture();
        width.context(width.domain().table() | 1, Encoding.contextEntryHigh(2, DID));
        assertThat(width.dma(0x2000, Access.READ))
                .isEqualTo(recorded(FaultReason.CONTEXT_ENTRY_INVALID, 0x2000, Access.READ));

        Fixture type = fixture();
        type.context(type.domain().table() | 1 | 3 << 2, Encoding.contextEntryHigh(1, DID));
        assertThat(type.dma(0x2000, Access.READ))
                .isEqualTo(recorded(FaultReason.CONTEXT_ENTRY_INVALID, 0x2000, Access.READ));

        Fixture topUnreadable = fixture();
        topUnreadable.context(0x1_0000_0000L | 1, Encoding.contextEntryHigh(1, DID));
        assertThat(topUnreadable.dma(0x2000, Access.READ))
                .isEqualTo(recorded(FaultReason.CONTEXT_ENTRY_INVALID, 0x2000, Access.READ));
    }

    @Test
    void pagingFaults() {
        Fixture fixture = fixture();
        assertThat(fixture.dma(0x2345, Access.WRITE))
                .isEqualTo(recorded(FaultReason.WRITE_NOT_PERMITTED, 0x2000, Access.WRITE));
        Fixture read = fixture();
        assertThat(read.dma(0x2345, Access.READ))
                .isEqualTo(recorded(FaultReason.READ_NOT_PERMITTED, 0x2000, Access.READ));
        Fixture permission = fixture();
        permission.map(0x2000, 0x9000, PageSize.SIZE_4K, Permission.WRITE);
        assertThat(permission.dma(0x2345, Access.READ))
                .isEqualTo(recorded(FaultReason.READ_NOT_PERMITTED, 0x2000, Access.READ));

        Fixture unreadable = fixture();
        unreadable.driver().writeWord(unreadable.domain().table(), 0x1_0000_0000L | 3);
        unreadable.driver().invalidateIotlbGlobal(InvalidationPath.REGISTER);
        assertThat(unreadable.dma(0x2000, Access.READ))
                .isEqualTo(recorded(FaultReason.PAGING_ENTRY_ACCESS_ERROR, 0x2000, Access.READ));

        Fixture reserved = fixture();
        reserved.map(0x2000, 0x9000, PageSize.SIZE_4K, Permission.READ_WRITE);
        long leafSlot = bottomTable(reserved) + 8 * 2;
        reserved.driver().writeWord(leafSlot, reserved.driver().readWord(leafSlot) | 1 << 11);
        reserved.driver().invalidateIotlbGlobal(InvalidationPath.REGISTER);
        assertThat(reserved.dma(0x2000, Access.READ))
                .isEqualTo(recorded(FaultReason.PAGING_ENTRY_RESERVED, 0x2000, Access.READ));

        Fixture misaligned = fixture();
        misaligned.map(0x20_0000, 0x4000_1000L, PageSize.SIZE_2M, Permission.READ_WRITE);
        assertThat(misaligned.dma(0x20_0000, Access.READ))
                .isEqualTo(recorded(FaultReason.PAGING_ENTRY_RESERVED, 0x20_0000, Access.READ));

        Fixture noSuperpages = fixture(Capabilities.DEFAULT.withSuperpages(false));
        noSuperpages.map(0x4000_0000L, 0x4000_0000L, PageSize.SIZE_1G, Permission.READ_WRITE);
        assertThat(noSuperpages.dma(0x4000_0000L, Access.READ))
                .isEqualTo(recorded(FaultReason.PAGING_ENTRY_RESERVED, 0x4000_0000L, Access.READ));

        Fixture window = fixture();
        window.map(0x2000, 0xFEE0_1000L, PageSize.SIZE_4K, Permission.READ_WRITE);
        assertThat(window.dma(0x2000, Access.WRITE))
                .isEqualTo(recorded(FaultReason.INTERRUPT_ADDRESS, 0x2000, Access.WRITE));

        Fixture beyond = fixture();
        assertThat(beyond.dma(1L << 39, Access.READ))
                .isEqualTo(recorded(FaultReason.ADDRESS_BEYOND_MGAW, 1L << 39, Access.READ));
    }

    /** The level-1 table the driver built for IOVA 0x2000 (index 0 at levels 3 and 2). */
    private static long bottomTable(Fixture fixture) {
        long middle = fixture.driver().readWord(fixture.domain().table()) & ~0xFFFL;
        return fixture.driver().readWord(middle) & ~0xFFFL;
    }

    @Test
    void faultProcessingDisableSuppressesQualifiedFaultsOnly() {
        Fixture qualified = fixture();
        qualified.context(Encoding.contextEntryLow(qualified.domain().table(), 0, true, true),
                Encoding.contextEntryHigh(1, DID));
        assertThat(qualified.dma(0x2000, Access.WRITE))
                .isEqualTo(Outcome.of(new Result.DmaFault(FaultReason.WRITE_NOT_PERMITTED)));
        assertThat(qualified.guest().read32(Registers.FSTS) & Registers.PPF).isZero();

        Fixture unqualified = fixture();
        unqualified.context(Encoding.contextEntryLow(unqualified.domain().table(), 0, true, true) | 1 << 5,
                Encoding.contextEntryHigh(1, DID));
        assertThat(unqualified.dma(0x2000, Access.WRITE))
                .isEqualTo(recorded(FaultReason.CONTEXT_ENTRY_RESERVED, 0x2000, Access.WRITE));
    }

    @Test
    void deviceTlbContextsTranslateUntranslatedRequestsSoDhIsUnreachable() {
        Fixture fixture = fixture(Capabilities.DEFAULT.withDeviceTlb(true));
        fixture.map(0x2000, 0x9000, PageSize.SIZE_4K, Permission.READ);
        fixture.context(Encoding.contextEntryLow(fixture.domain().table(), Encoding.TT_DEVICE_TLB, false, true),
                Encoding.contextEntryHigh(1, DID));
        assertThat(fixture.dma(0x2010, Access.READ).result()).isEqualTo(translated(0x9010, 0xFFF, Permission.READ));
        assertThat(fixture.dma(0x2010, Access.WRITE))
                .isEqualTo(recorded(FaultReason.WRITE_NOT_PERMITTED, 0x2000, Access.WRITE));
    }

    @Test
    void theInterruptWindowIsBlockedForReadsAndAnInterruptForWrites() {
        Fixture fixture = fixture();
        assertThat(fixture.dma(0xFEE0_0000L, Access.READ)).isEqualTo(Outcome.of(Result.BLOCKED));
        assertThat(fixture.dma(0xFEE0_1000L, Access.WRITE))
                .isEqualTo(Outcome.of(new Result.InterruptForwarded(new MsiMessage(0xFEE0_1000L, 0))));
    }

    @Test
    void afterTheMatchingInvalidationOnlyTheNewTranslation() {
        Fixture fixture = fixture();
        fixture.map(0x2000, 0x9000, PageSize.SIZE_4K, Permission.READ_WRITE);
        assertThat(fixture.dma(0x2000, Access.READ).result())
                .isEqualTo(translated(0x9000, 0xFFF, Permission.READ_WRITE));
        fixture.driver().map(fixture.domain(), 0x2000, 0xA000, PageSize.SIZE_4K, Permission.READ);
        fixture.driver().invalidateIotlbPage(InvalidationPath.REGISTER, DID, 0x2000, 0, false);
        fixture.guest().run();
        assertThat(fixture.dma(0x2000, Access.READ).result()).isEqualTo(translated(0xA000, 0xFFF, Permission.READ));
    }
}
