package io.vtdoracle.properties.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.api.Result;
import io.vtdoracle.api.ScalableMode;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.guest.PageSize;
import io.vtdoracle.oracle.ModelUnit;
import org.junit.jupiter.api.Test;

/**
 * The guest's scalable-mode programming is what the reference model translates: each PGTT the guest writes, first
 * stage with 4 and 5 levels and large pages, a domain switch by rewriting the PASID entry, a torn-down entry.
 */
class ScalableGuestTest {

    private static final SourceId DEVICE = SourceId.of(0, 2, 0);
    private static final SourceId HIGH_DEVFN = SourceId.of(3, 0x1F, 7);

    private final GuestView view = new GuestView();
    private RemappingUnit unit;

    private Outcome run(Command command) {
        Outcome last = null;
        for (Operation operation : view.run(command)) {
            last = unit.apply(operation);
        }
        return last;
    }

    private void boot(ScalableMode mode) {
        Capabilities capabilities = Capabilities.DEFAULT.withAddressWidth(48).withScalableMode(mode);
        unit = new ModelUnit(capabilities);
        run(new PowerOn(capabilities, true, false, false, true));
    }

    private Result dma(SourceId source, long address, Access access) {
        return run(new Dma(source, address, access)).result();
    }

    @Test
    void firstStageSecondStageAndPassThroughTranslate() {
        boot(ScalableMode.ALL);
        run(new Attach(DEVICE, 1, false, Flush.LINUX));
        run(new MapRange(1, 0x1000, 1, PageSize.SIZE_4K, 0x5000, Permission.READ_WRITE, Flush.LINUX));
        assertThat(view.stage(1)).isEqualTo("first-stage");
        assertThat(dma(DEVICE, 0x1234, Access.WRITE))
                .isEqualTo(new Result.Translated(0x5234, 0xFFF, Permission.READ_WRITE));

        run(new Attach(HIGH_DEVFN, 2, false, Flush.LINUX));
        run(new MapRange(2, 0x20_0000, 1, PageSize.SIZE_2M, 0x40_0000, Permission.READ, Flush.LINUX));
        assertThat(view.stage(2)).isEqualTo("second-stage");
        assertThat(dma(HIGH_DEVFN, 0x20_0010, Access.READ))
                .isEqualTo(new Result.Translated(0x40_0010, 0x1F_FFFF, Permission.READ));

        run(new Attach(DEVICE, 2, true, Flush.LINUX));
        assertThat(dma(DEVICE, 0x7777_0000L, Access.READ))
                .isEqualTo(new Result.Translated(0x7777_0000L, 0xFFF, Permission.READ_WRITE));
    }

    @Test
    void fiveLevelFirstStageWithOneGiBPages() {
        boot(ScalableMode.ALL);
        run(new Attach(DEVICE, ScalableTables.FIVE_LEVEL_DOMAIN, false, Flush.LINUX));
        run(new MapRange(ScalableTables.FIVE_LEVEL_DOMAIN, 0x4000_0000L, 1, PageSize.SIZE_1G, 0x4000_0000L,
                Permission.READ, Flush.LINUX));
        assertThat(view.domains().get(ScalableTables.FIVE_LEVEL_DOMAIN).levels()).isEqualTo(5);
        assertThat(dma(DEVICE, 0x4000_1000L, Access.READ))
                .isEqualTo(new Result.Translated(0x4000_1000L, 0x3FFF_FFFFL, Permission.READ));
    }

    @Test
    void aDomainSwitchRewritesThePasidEntryAndADetachTearsItDown() {
        boot(ScalableMode.QEMU_SECOND_STAGE);
        run(new MapRange(1, 0x1000, 1, PageSize.SIZE_4K, 0x5000, Permission.READ_WRITE, Flush.LINUX));
        run(new MapRange(2, 0x1000, 1, PageSize.SIZE_4K, 0x9000, Permission.READ_WRITE, Flush.LINUX));
        run(new Attach(DEVICE, 1, false, Flush.LINUX));
        run(new Attach(DEVICE, 2, false, Flush.LINUX));
        assertThat(dma(DEVICE, 0x1000, Access.READ))
                .isEqualTo(new Result.Translated(0x9000, 0xFFF, Permission.READ_WRITE));
        run(new Detach(DEVICE, Flush.LINUX));
        assertThat(dma(DEVICE, 0x1000, Access.READ)).isInstanceOfSatisfying(Result.DmaFault.class,
                f -> assertThat(f.reason().code()).isEqualTo(0x59));
    }

    @Test
    void firstStageDamageFaultsAsTheSpecificationSays() {
        boot(ScalableMode.QEMU_FIRST_STAGE);
        run(new Attach(DEVICE, 1, false, Flush.LINUX));
        run(new MapRange(1, 0x1000, 1, PageSize.SIZE_4K, 0x5000, Permission.READ_WRITE, Flush.LINUX));
        run(new SetPteBits(1, 0x1000, 2, 1L << 48, true));
        assertThat(dma(DEVICE, 0x1000, Access.READ)).isEqualTo(new Result.DmaFault(
                io.vtdoracle.api.FaultReason.SM_FIRST_STAGE_ENTRY_RESERVED));
    }

    private int faultAfter(Command damage, Access access) {
        run(damage);
        Result result = dma(DEVICE, 0x1000, access);
        assertThat(result).isInstanceOf(Result.DmaFault.class);
        return ((Result.DmaFault) result).reason().code();
    }

    @Test
    void damageAboveThePagingEntriesFaultsAsTheSpecificationSays() {
        boot(ScalableMode.QEMU_SECOND_STAGE);
        run(new Attach(DEVICE, 1, false, Flush.LINUX));
        run(new MapRange(1, 0x1000, 1, PageSize.SIZE_4K, 0x5000, Permission.WRITE, Flush.LINUX));
        assertThat(dma(DEVICE, 0x1000, Access.READ)).isEqualTo(new Result.DmaFault(
                io.vtdoracle.api.FaultReason.SM_READ_NOT_PERMITTED));
        assertThat(faultAfter(new ScalableBits(ScalableBits.Structure.CONTEXT, DEVICE, 1, 0xFFFFF, 0x8000,
                Flush.LINUX), Access.WRITE)).isEqualTo(0x48);
        run(new RepairPath(DEVICE));
        assertThat(faultAfter(new ScalableBits(ScalableBits.Structure.CONTEXT, DEVICE, 0, 1L << 38, 1L << 38,
                Flush.LINUX), Access.WRITE)).isEqualTo(0x50);
        run(new RepairPath(DEVICE));
        assertThat(faultAfter(new ScalableBits(ScalableBits.Structure.PASID_DIRECTORY, DEVICE, 0, 1L << 38, 1L << 38,
                Flush.LINUX), Access.WRITE)).isEqualTo(0x58);
        run(new RepairPath(DEVICE));
        assertThat(faultAfter(new ScalableBits(ScalableBits.Structure.PASID_ENTRY, DEVICE, 0, 0x1C0, 1 << 6,
                Flush.LINUX), Access.WRITE)).isEqualTo(0x5B);
        run(new Attach(DEVICE, 1, false, Flush.LINUX));
        assertThat(faultAfter(new SetPteBits(1, 0x1000, 2, 1L << 38, true), Access.WRITE)).isEqualTo(0x78);
    }
}
