package io.vtdoracle.bench;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.api.Result;
import io.vtdoracle.guest.GuestDriver;
import io.vtdoracle.guest.InvalidationPath;
import io.vtdoracle.guest.PageSize;
import io.vtdoracle.impl.FastRemappingUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * Benchmark 1: a DMA read that hits the IOTLB, in a 4K leaf and in a 2M leaf. "impl" uses the implementation's
 * primitive fast path (what a VMM calls per DMA; it allocates nothing), "impl-api" the same unit through
 * {@link RemappingUnit#apply}, "model" the reference model.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TranslationHit {

    @Param({"model", "impl", "impl-api"})
    public String unit;

    @Param({"4K", "2M"})
    public String page;

    private RemappingUnit remappingUnit;
    private Operation.DmaRequest request;
    private FastRemappingUnit fastPath;

    @Setup
    public void setUp() {
        GuestDriver driver = new GuestDriver(Units.CAPABILITIES, 0x1000_0000L);
        driver.setRootTable();
        var domain = driver.createDomain(1);
        driver.map(domain, 0x1000, Domains.TARGET, PageSize.SIZE_4K, Permission.READ_WRITE);
        driver.map(domain, 0x20_0000, Domains.TARGET + 0x20_0000, PageSize.SIZE_2M, Permission.READ_WRITE);
        driver.attach(Domains.DEVICE, domain);
        driver.invalidateContextGlobal(InvalidationPath.REGISTER);
        driver.enableTranslation();
        remappingUnit = Units.create(unit.equals("impl-api") ? "impl" : unit);
        fastPath = unit.equals("impl") ? (FastRemappingUnit) remappingUnit : null;
        Units.apply(remappingUnit, driver.drain());
        long address = page.equals("4K") ? 0x1234 : 0x23_4567;
        request = new Operation.DmaRequest(Domains.DEVICE, address, Access.READ);
        Outcome first = remappingUnit.apply(request);
        if (!(first.result() instanceof Result.Translated)) {
            throw new IllegalStateException("the warm-up request did not translate: " + first);
        }
    }

    @Benchmark
    public void translate(Blackhole blackhole) {
        if (fastPath != null) {
            int status = fastPath.translate(request.source().value(), request.address(), false);
            blackhole.consume(status == FastRemappingUnit.TRANSLATED ? fastPath.translatedAddress() : status);
        } else {
            blackhole.consume(remappingUnit.apply(request));
        }
    }
}
