package io.vtdoracle.bench;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Result;
import io.vtdoracle.model.Expectation;
import io.vtdoracle.model.ReferenceModel;
import io.vtdoracle.model.UnitState;
import io.vtdoracle.oracle.ModelUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 6: the model's cost of one DMA step against how much its caches may hold. A domain maps
 * 2 × {@code cachedPages} 4K pages; the model has translated the first half once each, so its IOTLB may hold
 * {@code cachedPages} entries. "hit" asks for a cached page, "miss" for an uncached one (a cold 4-level walk).
 * Each call steps the same state ({@link ReferenceModel#step} is pure), so the caches do not grow while measured.
 * {@link #main} measures the same in the thread's CPU time, for a machine whose load makes wall time meaningless:
 * {@code java -cp impl/target/vtd-bench.jar io.vtdoracle.bench.CacheScaling}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CacheScaling {

    @Param({"100", "1000", "10000", "100000"})
    public int cachedPages;

    private UnitState state;
    private int next;

    @Setup
    public void setUp() {
        Domains domains = new Domains(2 * cachedPages, false);
        ModelUnit model = new ModelUnit(Units.CAPABILITIES);
        Units.apply(model, domains.driver.drain());
        for (int page = 0; page < cachedPages; page++) {
            if (!(model.apply(read(page)).result() instanceof Result.Translated)) {
                throw new IllegalStateException("page " + page + " did not translate");
            }
        }
        state = model.state();
        if (state.caches().translationsOf(Domains.DEVICE, 1, 0).isEmpty()) {
            throw new IllegalStateException("the model's IOTLB holds no entry for page 0");
        }
    }

    @Benchmark
    public Expectation hit() {
        return ReferenceModel.step(state, read(scrambled(next++)));
    }

    @Benchmark
    public Expectation miss() {
        return ReferenceModel.step(state, read(cachedPages + scrambled(next++)));
    }

    /** Per size: the median CPU time of a hit and of a miss over 5 rounds of 20,000 steps, after 2 rounds. */
    public static void main(String[] args) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (String size : new String[] {"100", "1000", "10000", "100000"}) {
            CacheScaling bench = new CacheScaling();
            bench.cachedPages = Integer.parseInt(size);
            bench.setUp();
            double[] hits = new double[7];
            double[] misses = new double[7];
            for (int round = 0; round < 7; round++) {
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < 20_000; i++) {
                    bench.hit();
                }
                hits[round] = (threads.getCurrentThreadCpuTime() - start) / 20_000.0;
                start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < 20_000; i++) {
                    bench.miss();
                }
                misses[round] = (threads.getCurrentThreadCpuTime() - start) / 20_000.0;
            }
            System.out.printf(Locale.ROOT, "%,7d cached pages: hit %,.0f ns, miss %,.0f ns (CPU time, median)%n",
                    bench.cachedPages, median(hits), median(misses));
        }
    }

    private static double median(double[] rounds) {
        double[] measured = Arrays.copyOfRange(rounds, 2, rounds.length);
        Arrays.sort(measured);
        return measured[measured.length / 2];
    }

    /** The pages of the half in a scrambled order. */
    private int scrambled(int index) {
        return (int) ((index * 40_503L) % cachedPages);
    }

    private static Operation read(long page) {
        return new Operation.DmaRequest(Domains.DEVICE, page << 12, Access.READ);
    }
}
