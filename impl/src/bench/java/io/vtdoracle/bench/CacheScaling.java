package io.vtdoracle.bench;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Result;
import io.vtdoracle.impl.FastRemappingUnit;
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
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * Benchmark 6: the cost of one DMA read against how many pages the IOTLB holds, model and implementation side by
 * side. A domain maps {@code cachedPages} pages, then {@code uncachedPages} more; each unit has translated the
 * first {@code cachedPages} once each, so its IOTLB holds them. "hit" asks for a cached page, "miss" for one of the
 * others (a cold 4-level walk), both in a scrambled order.
 *
 * <p>The model: each call steps the same state ({@link ReferenceModel#step} is pure), so its caches do not grow while
 * measured, and {@code cachedPages} uncached pages suffice. The implementation ({@link FastRemappingUnit#translate},
 * what a VMM calls per DMA) has an IOTLB of exactly {@code cachedPages} entries, full after the set-up: a hit
 * changes nothing; a miss walks, caches the page and evicts one entry (the IOTLB stays full). Its misses cycle
 * through at least 262,144 and 4 times {@code cachedPages} pages, so a miss's page was last asked for that many
 * misses earlier and has been evicted since (the clock hand has swept the table).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CacheScaling {

    @Param({"model", "impl"})
    public String unit;

    @Param({"100", "1000", "10000", "100000"})
    public int cachedPages;

    private int uncachedPages;
    private UnitState model;
    private FastRemappingUnit impl;
    private Scramble hits;
    private Scramble misses;

    @Setup
    public void setUp() {
        uncachedPages = unit.equals("impl") ? Math.max(Domains.LEAVES, 4 * cachedPages) : cachedPages;
        hits = new Scramble(cachedPages);
        misses = new Scramble(uncachedPages);
        Domains domains = new Domains(cachedPages + uncachedPages, false);
        if (unit.equals("model")) {
            ModelUnit modelUnit = new ModelUnit(Units.CAPABILITIES);
            Units.apply(modelUnit, domains.driver.drain());
            for (int page = 0; page < cachedPages; page++) {
                if (!(modelUnit.apply(read(page)).result() instanceof Result.Translated)) {
                    throw new IllegalStateException("page " + page + " did not translate");
                }
            }
            model = modelUnit.state();
            if (model.caches().translationsOf(Domains.DEVICE, 1, 0).isEmpty()) {
                throw new IllegalStateException("the model's IOTLB holds no entry for page 0");
            }
        } else if (unit.equals("impl")) {
            impl = new FastRemappingUnit(Units.CAPABILITIES, cachedPages);
            Units.apply(impl, domains.driver.drain());
            for (int page = 0; page < cachedPages; page++) {
                if (translate(page) != Domains.TARGET + ((long) page << 12)) {
                    throw new IllegalStateException("page " + page + " did not translate to its frame");
                }
            }
        } else {
            throw new IllegalArgumentException("unknown unit '" + unit + "': use model or impl");
        }
    }

    @Benchmark
    public void hit(Blackhole blackhole) {
        request(hits.next(), blackhole);
    }

    @Benchmark
    public void miss(Blackhole blackhole) {
        request(cachedPages + misses.next(), blackhole);
    }

    private void request(int page, Blackhole blackhole) {
        if (model != null) {
            blackhole.consume(ReferenceModel.step(model, read(page)));
        } else {
            blackhole.consume(translate(page));
        }
    }

    /** The implementation's translation of a read of {@code page}: the output address, or -status if it failed. */
    private long translate(int page) {
        int status = impl.translate(Domains.DEVICE.value(), (long) page << 12, false);
        return status == FastRemappingUnit.TRANSLATED ? impl.translatedAddress() : -status;
    }

    /**
     * Visits pages 0 to {@code pages - 1} in a scrambled order: steps of 40,503 modulo {@code pages} (40,503 is
     * prime to 2 and 5, so every page comes once per {@code pages} steps), without a division per step.
     */
    private static final class Scramble {

        private final int pages;
        private final int step;
        private int position;

        Scramble(int pages) {
            this.pages = pages;
            this.step = 40_503 % pages;
        }

        int next() {
            position += step;
            if (position >= pages) {
                position -= pages;
            }
            return position;
        }
    }

    private static Operation read(long page) {
        return new Operation.DmaRequest(Domains.DEVICE, page << 12, Access.READ);
    }
}
