package io.vtdoracle.bench;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.api.Result;
import io.vtdoracle.api.ScalableMode;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.impl.FastRemappingUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Scalable mode (contract §9.6): a DMA read of a device whose RID_PASID entry selects first-stage translation through
 * 4-level tables mapping {@code pages} 4K pages (262,144: 1 GiB). {@code hit} asks for one page again and again
 * (after the first request the implementation answers from its IOTLB); {@code cold} visits the pages in a scrambled
 * order, so no page is asked for again before all others and every request walks root, context, PASID directory,
 * PASID entry and four first-stage levels. Both should cost the same at 512 and at 262,144 pages: a step's cost
 * must not grow with memory or history (contract; the legacy rows are {@link CacheScaling}). "impl" uses the implementation's primitive fast path, "impl-api" the same unit through
 * {@link RemappingUnit#apply}, "model" the reference model.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FirstStage {

    static final Capabilities CAPABILITIES = Units.CAPABILITIES.withScalableMode(ScalableMode.ALL);
    static final SourceId DEVICE = Domains.DEVICE;

    private static final long ROOT = 0x1000;
    private static final long CONTEXT = 0x2000;
    private static final long DIRECTORY = 0x3000;
    private static final long PASID_TABLE = 0x4000;
    private static final long PML4 = 0x10_0000;
    private static final long PDPT = 0x10_1000;
    private static final long PD = 0x10_2000;
    private static final long PT = 0x20_0000;
    private static final long PRESENT_USER_WRITABLE = 0x7;
    private static final long FIRST_STAGE_PRESENT = 1L << 6 | 1;

    @Param({"model", "impl", "impl-api"})
    public String unit;

    @Param({"hit", "cold"})
    public String access;

    /** How many pages the tables map: a power of two, at most 262,144 (the page tables' room). */
    @Param({"512", "262144"})
    public int pages;

    private RemappingUnit remappingUnit;
    private FastRemappingUnit fastPath;
    private boolean cold;
    private long next;

    @Setup
    public void setUp() {
        remappingUnit = Units.create(unit.equals("impl-api") ? "impl" : unit, CAPABILITIES);
        fastPath = unit.equals("impl") ? (FastRemappingUnit) remappingUnit : null;
        cold = access.equals("cold");
        if (Integer.bitCount(pages) != 1 || pages > Domains.LEAVES) {
            throw new IllegalArgumentException("pages must be a power of two up to 262144, not " + pages);
        }
        Units.apply(remappingUnit, program(pages));
        Outcome first = remappingUnit.apply(new Operation.DmaRequest(DEVICE, 0x1234, Access.READ));
        if (!(first.result() instanceof Result.Translated)) {
            throw new IllegalStateException("the warm-up request did not translate: " + first);
        }
    }

    /** The tables (root entry, context entry, PASID directory and entry, the first-stage tables), TTM = 01b, TE. */
    static List<Operation> program(int pages) {
        List<Operation> program = new ArrayList<>();
        program.add(new Operation.WriteMemory(ROOT + DEVICE.bus() * 16L, CONTEXT | 1));
        program.add(new Operation.WriteMemory(CONTEXT + (DEVICE.devfn() & 0x7F) * 32L, DIRECTORY | 1));
        program.add(new Operation.WriteMemory(DIRECTORY, PASID_TABLE | 1));
        program.add(new Operation.WriteMemory(PASID_TABLE, FIRST_STAGE_PRESENT));
        program.add(new Operation.WriteMemory(PASID_TABLE + 8, 1));
        program.add(new Operation.WriteMemory(PASID_TABLE + 16, PML4));
        program.add(new Operation.WriteMemory(PML4, PDPT | PRESENT_USER_WRITABLE));
        program.add(new Operation.WriteMemory(PDPT, PD | PRESENT_USER_WRITABLE));
        for (long table = 0; table < Math.max(1, pages / 512); table++) {
            program.add(new Operation.WriteMemory(PD + table * 8, PT + (table << 12) | PRESENT_USER_WRITABLE));
        }
        for (long page = 0; page < pages; page++) {
            program.add(new Operation.WriteMemory(PT + page * 8, Domains.TARGET + (page << 12)
                    | PRESENT_USER_WRITABLE));
        }
        program.add(new Operation.WriteRegister(0x20, 8, ROOT | 1L << 10));
        program.add(new Operation.WriteRegister(0x18, 4, 1L << 30));
        program.add(new Operation.WriteRegister(0x18, 4, 1L << 31));
        return program;
    }

    @Benchmark
    public void translate(Blackhole blackhole) {
        long address = cold ? ((next++ * 40_503) & (pages - 1)) << 12 : 0x1234;
        if (fastPath != null) {
            int status = fastPath.translate(DEVICE.value(), address, false);
            blackhole.consume(status == FastRemappingUnit.TRANSLATED ? fastPath.translatedAddress() : status);
        } else {
            blackhole.consume(remappingUnit.apply(new Operation.DmaRequest(DEVICE, address, Access.READ)));
        }
    }
}
