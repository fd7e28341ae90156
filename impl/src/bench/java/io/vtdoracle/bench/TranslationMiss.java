package io.vtdoracle.bench;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.RemappingUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * Benchmark 2: a DMA read that misses the IOTLB and walks four levels. The requests visit the 262,144 pages of
 * a 1 GiB domain in a scrambled order, so no page is asked for again before 262,144 others (far beyond any
 * IOTLB's capacity).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TranslationMiss {

    @Param({"model", "impl"})
    public String unit;

    private RemappingUnit remappingUnit;
    private long next;

    @Setup
    public void setUp() {
        Domains domains = new Domains(Domains.LEAVES, false);
        remappingUnit = Units.create(unit);
        Units.apply(remappingUnit, domains.driver.drain());
    }

    @Benchmark
    public Outcome translate() {
        long page = (next++ * 40_503) & (Domains.LEAVES - 1);
        return remappingUnit.apply(new Operation.DmaRequest(Domains.DEVICE, page << 12, Access.READ));
    }
}
