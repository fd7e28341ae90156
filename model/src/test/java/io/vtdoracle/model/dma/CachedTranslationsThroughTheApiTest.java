package io.vtdoracle.model.dma;

import static org.assertj.core.api.Assertions.assertThat;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.Result;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.guest.Domain;
import io.vtdoracle.guest.GuestDriver;
import io.vtdoracle.guest.InvalidationPath;
import io.vtdoracle.guest.PageSize;
import io.vtdoracle.model.ReferenceModel;
import io.vtdoracle.oracle.ModelUnit;
import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * Contract §3.1 with the guest programming the unit through registers and the queue: the alternatives a request
 * allows after table changes, before and after the matching invalidation.
 */
class CachedTranslationsThroughTheApiTest {

    private static final SourceId DEVICE = SourceId.of(0, 3, 0);
    private static final long IOVA = 0x40_0000;

    private final ModelUnit unit = new ModelUnit(Capabilities.DEFAULT);
    private final GuestDriver driver = new GuestDriver(Capabilities.DEFAULT, 0x10_0000);

    private void run() {
        driver.drain().forEach(unit::apply);
    }

    private List<Result> allowed(long address, Access access) {
        return ReferenceModel.step(unit.state(), new Operation.DmaRequest(DEVICE, address, access)).alternatives()
                .map(alternative -> alternative.outcome().result()).toJavaList();
    }

    private static Result translated(long address, long mask) {
        return new Result.Translated(address, mask, Permission.READ_WRITE);
    }

    private Domain attachedDomain(InvalidationPath path) {
        driver.setRootTable();
        if (path == InvalidationPath.QUEUE) {
            driver.enableQueuedInvalidation();
        }
        Domain domain = driver.createDomain(1);
        driver.attach(DEVICE, domain);
        driver.enableTranslation();
        return domain;
    }

    @Test
    void aRemappedSuperpageIsStaleUntilARegisterPageSelectiveInvalidationInsideIt() {
        aRemappedSuperpage(InvalidationPath.REGISTER);
    }

    @Test
    void aRemappedSuperpageIsStaleUntilAQueuedPageSelectiveInvalidationInsideIt() {
        aRemappedSuperpage(InvalidationPath.QUEUE);
    }

    private void aRemappedSuperpage(InvalidationPath path) {
        Domain domain = attachedDomain(path);
        driver.map(domain, IOVA, 0x4000_0000L, PageSize.SIZE_2M, Permission.READ_WRITE);
        run();
        unit.apply(new Operation.DmaRequest(DEVICE, IOVA, Access.READ));
        driver.map(domain, IOVA, 0x6000_0000L, PageSize.SIZE_2M, Permission.READ_WRITE);
        run();
        assertThat(allowed(IOVA + 0x1234, Access.READ))
                .containsExactly(translated(0x6000_1234L, 0x1F_FFFF), translated(0x4000_1234L, 0x1F_FFFF));
        driver.invalidateIotlbPage(path, 1, IOVA + 0x10_0000, 0, false);
        run();
        assertThat(allowed(IOVA + 0x1234, Access.READ)).containsExactly(translated(0x6000_1234L, 0x1F_FFFF));
    }

    @Test
    void aDetachedDeviceKeepsItsContextUntilAContextInvalidation() {
        Domain domain = attachedDomain(InvalidationPath.QUEUE);
        driver.map(domain, IOVA, 0x4000_0000L, PageSize.SIZE_4K, Permission.READ_WRITE);
        run();
        unit.apply(new Operation.DmaRequest(DEVICE, IOVA, Access.READ));
        driver.detach(DEVICE);
        driver.invalidateIotlbDomain(InvalidationPath.QUEUE, 1);
        run();
        // the context cache may still hold the entry; the IOTLB was invalidated, so the old tables are walked
        assertThat(allowed(IOVA, Access.READ)).hasSize(2).last().isEqualTo(translated(0x4000_0000L, 0xFFF));
        driver.invalidateContextDevice(InvalidationPath.QUEUE, 1, DEVICE);
        run();
        assertThat(allowed(IOVA, Access.READ)).hasSize(1);
        assertThat(allowed(IOVA, Access.READ).get(0)).isInstanceOf(Result.DmaFault.class);
    }

    @Test
    void aLeafWhoseOutputIsInTheWindowIsCachedAsALeafNotAsAFault() {
        Domain domain = attachedDomain(InvalidationPath.REGISTER);
        driver.map(domain, IOVA, 0xFEE0_0000L, PageSize.SIZE_4K, Permission.READ);
        run();
        unit.apply(new Operation.DmaRequest(DEVICE, IOVA, Access.READ));

        // The fault may be recorded or collapsed with the earlier one (§7.2.1): the same result either way.
        assertThat(allowed(IOVA, Access.WRITE)).containsOnly(
                new Result.DmaFault(io.vtdoracle.api.FaultReason.WRITE_NOT_PERMITTED));
    }

    @Test
    void aPermissionFaultOfAPresentLeafDoesNotAnswerTheOtherAccessType() {
        Domain domain = attachedDomain(InvalidationPath.REGISTER);
        driver.map(domain, 0x20_0000, 0x8000_0000L, PageSize.SIZE_2M, Permission.WRITE);
        run();
        unit.apply(new Operation.DmaRequest(DEVICE, 0x20_0000, Access.READ));

        assertThat(allowed(0x20_0000, Access.WRITE)).containsExactly(
                new Result.Translated(0x8000_0000L, 0x1F_FFFF, Permission.WRITE));
    }
}
