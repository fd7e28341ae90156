package io.vtdoracle.model.invalidation;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.guest.Domain;
import io.vtdoracle.guest.GuestDriver;
import io.vtdoracle.guest.InvalidationPath;
import io.vtdoracle.guest.PageSize;
import io.vtdoracle.model.Expectation;
import io.vtdoracle.model.ReferenceModel;
import io.vtdoracle.model.UnitState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract §3.1: an invalidation, by registers or by the queue, removes what the caches could still answer with.
 * Before it, a stale translation is admitted beside the fresh walk; after it, only the fresh walk.
 */
class InvalidationEffectTest {

    private static final SourceId DEVICE = new SourceId(0x0300);
    private static final Operation READ = new Operation.DmaRequest(DEVICE, 0x4000_0123L, Access.READ);

    private UnitState state = ReferenceModel.powerOn(Capabilities.DEFAULT);
    private final GuestDriver driver = new GuestDriver(Capabilities.DEFAULT, 0x10_0000);

    private void run() {
        driver.drain().forEach(operation -> state = ReferenceModel.step(state, operation).canonical().next());
    }

    private Expectation read() {
        return ReferenceModel.step(state, READ);
    }

    private Domain translatingDevice(InvalidationPath path) {
        driver.setRootTable();
        if (path == InvalidationPath.QUEUE) {
            driver.enableQueuedInvalidation();
        }
        Domain domain = driver.createDomain(9);
        driver.map(domain, 0x4000_0000L, 0x8000_0000L - 0x10_0000, PageSize.SIZE_4K, Permission.READ);
        driver.attach(DEVICE, domain);
        driver.enableTranslation();
        run();
        state = read().canonical().next(); // the translation is now cached
        return domain;
    }

    @ParameterizedTest
    @EnumSource(InvalidationPath.class)
    void pageSelectiveIotlbInvalidationRemovesTheStaleTranslation(InvalidationPath path) {
        Domain domain = translatingDevice(path);
        driver.unmap(domain, 0x4000_0000L, PageSize.SIZE_4K);
        run();
        assertThat(read().alternatives()).hasSize(2);
        driver.invalidateIotlbPage(path, 9, 0x4000_0000L, 0, false);
        run();
        assertThat(read().isDeterministic()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(InvalidationPath.class)
    void anInvalidationOfAnotherPageOrDomainLeavesIt(InvalidationPath path) {
        Domain domain = translatingDevice(path);
        driver.unmap(domain, 0x4000_0000L, PageSize.SIZE_4K);
        driver.invalidateIotlbPage(path, 9, 0x4000_1000L, 0, false);
        driver.invalidateIotlbDomain(path, 8);
        run();
        assertThat(read().alternatives()).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(InvalidationPath.class)
    void contextAndIotlbInvalidationRemoveAStaleContext(InvalidationPath path) {
        translatingDevice(path);
        driver.detach(DEVICE);
        run();
        assertThat(read().alternatives().size()).isGreaterThan(1);
        driver.invalidateContextDevice(path, 9, DEVICE);
        driver.invalidateIotlbDomain(path, 9);
        run();
        assertThat(read().isDeterministic()).isTrue();
    }
}
