package io.vtdoracle.model.roottable;

import static io.vtdoracle.model.dma.Translations.CONTEXT;
import static io.vtdoracle.model.dma.Translations.ROOT;
import static io.vtdoracle.model.dma.Translations.device;
import static io.vtdoracle.model.dma.Translations.translating;
import static io.vtdoracle.model.dma.Translations.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Either;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.FaultReason;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.model.UnitState;
import io.vtdoracle.model.registers.RegisterFile;
import org.junit.jupiter.api.Test;

class RootTableTest {

    private static final Capabilities CAPS = Capabilities.DEFAULT; // aw 39, PT, no DT
    private static final SourceId SID = SourceId.of(1, 2, 3);
    private static final long VALID_HIGH = 0x42L << 8 | 1; // DID 0x42, AW 1

    private static Either<ContextFault, ContextEntry> resolve(UnitState state) {
        return RootTable.resolve(state, SID);
    }

    private static Either<ContextFault, ContextEntry> withContext(Capabilities caps, long low, long high) {
        return resolve(device(translating(caps), SID, low, high));
    }

    private static FaultReason reason(Either<ContextFault, ContextEntry> result) {
        return result.getLeft().reason();
    }

    @Test
    void decodesAValidContextEntry() {
        ContextEntry entry = withContext(CAPS, 0x100000 | 1, VALID_HIGH).get();
        assertThat(entry.domainId()).isEqualTo(0x42);
        assertThat(entry.levels()).isEqualTo(3);
        assertThat(entry.adjustedGuestAddressWidth()).isEqualTo(39);
        assertThat(entry.secondLevelPageTablePointer()).isEqualTo(0x100000);
        assertThat(entry.translationType()).isEqualTo(TranslationType.UNTRANSLATED_ONLY);
        assertThat(entry.faultProcessingDisabled()).isFalse();
    }

    @Test
    void rootTableOutsideMemoryIs8h() {
        UnitState state = translating(CAPS);
        state = state.withRegisters(state.registers().withRootTableAddress(CAPS.guestMemoryBytes()));
        assertThat(reason(resolve(state))).isEqualTo(FaultReason.ROOT_TABLE_ACCESS_ERROR);
    }

    @Test
    void rootTableAddressUsesOnlyBits63To12() {
        UnitState state = device(translating(CAPS), SID, 0x100000 | 1, VALID_HIGH);
        state = state.withRegisters(state.registers().withRootTableAddress(ROOT | 0xABC));
        assertThat(resolve(state).isRight()).isTrue();
    }

    @Test
    void rootEntryNotPresentIs1hEvenWithReservedBits() {
        UnitState state = write(translating(CAPS), ROOT + SID.bus() * 16L + 8, 1);
        assertThat(reason(resolve(state))).isEqualTo(FaultReason.ROOT_ENTRY_NOT_PRESENT);
    }

    @Test
    void rootEntryReservedBitsAreAh() {
        UnitState valid = device(translating(CAPS), SID, 0x100000 | 1, VALID_HIGH);
        long rootEntry = ROOT + SID.bus() * 16L;
        long ctp = CONTEXT + SID.bus() * 0x1000L;
        assertThat(reason(resolve(write(valid, rootEntry + 8, 1L << 63)))).isEqualTo(FaultReason.ROOT_ENTRY_RESERVED);
        assertThat(reason(resolve(write(valid, rootEntry, ctp | 1 | 1 << 11)))).isEqualTo(FaultReason.ROOT_ENTRY_RESERVED);
        assertThat(reason(resolve(write(valid, rootEntry, ctp | 1 | 1L << 39)))).isEqualTo(FaultReason.ROOT_ENTRY_RESERVED);
        // bit 39 is an address bit with a 48-bit host address width: the context table is then outside memory
        UnitState wide = device(translating(CAPS.withAddressWidth(48)), SID, 0x100000 | 1, VALID_HIGH);
        assertThat(reason(resolve(write(wide, rootEntry, ctp | 1 | 1L << 39))))
                .isEqualTo(FaultReason.CONTEXT_TABLE_ACCESS_ERROR);
    }

    @Test
    void contextTableOutsideMemoryIs9h() {
        UnitState outside = write(translating(CAPS), ROOT + SID.bus() * 16L, 0x1_0000_0000L | 1);
        assertThat(reason(resolve(outside))).isEqualTo(FaultReason.CONTEXT_TABLE_ACCESS_ERROR);
    }

    @Test
    void contextEntryNotPresentIs2hWithItsFpd() {
        Either<ContextFault, ContextEntry> plain = withContext(CAPS, 0xFF0, 0xFFFF_FFFF_FFFF_FFFFL);
        assertThat(plain.getLeft()).isEqualTo(new ContextFault(FaultReason.CONTEXT_ENTRY_NOT_PRESENT, false));
        Either<ContextFault, ContextEntry> fpd = withContext(CAPS, 2, 0);
        assertThat(fpd.getLeft()).isEqualTo(new ContextFault(FaultReason.CONTEXT_ENTRY_NOT_PRESENT, true));
    }

    @Test
    void contextEntryReservedBitsAreBhBeforeProgrammingChecks() {
        assertThat(reason(withContext(CAPS, 0x100000 | 1 | 1 << 4, VALID_HIGH)))
                .isEqualTo(FaultReason.CONTEXT_ENTRY_RESERVED);
        assertThat(reason(withContext(CAPS, 0x100000 | 1 | 1L << 39, VALID_HIGH)))
                .isEqualTo(FaultReason.CONTEXT_ENTRY_RESERVED);
        assertThat(reason(withContext(CAPS, 0x100000 | 1, VALID_HIGH | 1 << 7)))
                .isEqualTo(FaultReason.CONTEXT_ENTRY_RESERVED);
        assertThat(reason(withContext(CAPS, 0x100000 | 1, VALID_HIGH | 1L << 24)))
                .isEqualTo(FaultReason.CONTEXT_ENTRY_RESERVED);
        // reserved and an unsupported AW: reserved wins
        assertThat(reason(withContext(CAPS, 0x100000 | 1 | 1 << 4, 0x42L << 8 | 2)))
                .isEqualTo(FaultReason.CONTEXT_ENTRY_RESERVED);
        // AVAIL (high 6:3) is not reserved
        assertThat(withContext(CAPS, 0x100000 | 1, VALID_HIGH | 0x78).isRight()).isTrue();
    }

    @Test
    void addressWidthMustBeInSagaw() {
        assertThat(reason(withContext(CAPS, 0x100000 | 1, 0x42L << 8 | 2)))
                .isEqualTo(FaultReason.CONTEXT_ENTRY_INVALID);
        assertThat(reason(withContext(CAPS, 0x100000 | 1, 0x42L << 8)))
                .isEqualTo(FaultReason.CONTEXT_ENTRY_INVALID);
        Capabilities wide = CAPS.withAddressWidth(48);
        assertThat(withContext(wide, 0x100000 | 1, 0x42L << 8 | 2).get().levels()).isEqualTo(4);
        assertThat(withContext(wide, 0x100000 | 1, 0x42L << 8 | 1).get().levels()).isEqualTo(3);
        assertThat(reason(withContext(wide, 0x100000 | 1, 0x42L << 8 | 3)))
                .isEqualTo(FaultReason.CONTEXT_ENTRY_INVALID);
    }

    @Test
    void translationTypeMustBeSupported() {
        assertThat(reason(withContext(CAPS, 0x100000 | 1 | 3 << 2, VALID_HIGH)))
                .isEqualTo(FaultReason.CONTEXT_ENTRY_INVALID);
        assertThat(reason(withContext(CAPS, 0x100000 | 1 | 1 << 2, VALID_HIGH)))
                .isEqualTo(FaultReason.CONTEXT_ENTRY_INVALID);
        assertThat(withContext(CAPS.withDeviceTlb(true), 0x100000 | 1 | 1 << 2, VALID_HIGH).get().translationType())
                .isEqualTo(TranslationType.ALL_REQUESTS);
        assertThat(withContext(CAPS, 1 | 2 << 2, VALID_HIGH).get().translationType())
                .isEqualTo(TranslationType.PASS_THROUGH);
        assertThat(withContext(CAPS.withPassThrough(false), 1 | 2 << 2, VALID_HIGH).getLeft())
                .isEqualTo(new ContextFault(FaultReason.CONTEXT_ENTRY_INVALID, false));
        assertThat(withContext(CAPS.withPassThrough(false), 1 | 2 | 2 << 2, VALID_HIGH).getLeft())
                .isEqualTo(new ContextFault(FaultReason.CONTEXT_ENTRY_INVALID, true));
    }

    @Test
    void usesTheLatchedRootTableAddressNotTheRegister() {
        UnitState state = device(translating(CAPS), SID, 0x100000 | 1, VALID_HIGH);
        RegisterFile registers = state.registers().withRootTableAddressRegister(0x5000);
        assertThat(resolve(state.withRegisters(registers)).isRight()).isTrue();
    }
}
