package io.vtdoracle.bench;

import io.vtdoracle.api.Permission;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.guest.Domain;
import io.vtdoracle.guest.GuestDriver;
import io.vtdoracle.guest.InvalidationPath;
import io.vtdoracle.guest.PageSize;

/**
 * The guest set-ups of the benchmarks: one device attached to a domain of 4K leaves, and a second domain
 * sharing the first half of its mappings, programmed as Linux would.
 */
final class Domains {

    static final SourceId DEVICE = SourceId.of(0, 4, 0);
    static final int LEAVES = 262_144;
    static final long TARGET = 0x1_0000_0000L;
    static final long OTHER_TARGET = 0x2_0000_0000L;

    final GuestDriver driver = new GuestDriver(Units.CAPABILITIES, 0x1000_0000L);
    final Domain first;
    final Domain second;

    /** A domain of {@code leaves} 4K leaves (and, with {@code withSecond}, the half-sharing second domain). */
    Domains(int leaves, boolean withSecond) {
        driver.setRootTable();
        first = driver.createDomain(1);
        for (long i = 0; i < leaves; i++) {
            driver.map(first, i << 12, TARGET + (i << 12), PageSize.SIZE_4K, Permission.READ_WRITE);
        }
        if (withSecond) {
            second = driver.createDomain(2);
            for (long i = 0; i < leaves; i++) {
                long target = (i < leaves / 2 ? TARGET : OTHER_TARGET) + (i << 12);
                driver.map(second, i << 12, target, PageSize.SIZE_4K, Permission.READ_WRITE);
            }
        } else {
            second = null;
        }
        driver.attach(DEVICE, first);
        driver.invalidateContextGlobal(InvalidationPath.REGISTER);
        driver.invalidateIotlbGlobal(InvalidationPath.REGISTER);
        driver.enableTranslation();
    }
}
