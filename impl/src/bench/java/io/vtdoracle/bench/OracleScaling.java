package io.vtdoracle.bench;

import io.vavr.control.Either;
import io.vtdoracle.api.Access;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Permission;
import io.vtdoracle.guest.Domain;
import io.vtdoracle.guest.GuestDriver;
import io.vtdoracle.guest.InvalidationPath;
import io.vtdoracle.guest.PageSize;
import io.vtdoracle.guest.Registers;
import io.vtdoracle.impl.FastRemappingUnit;
import io.vtdoracle.oracle.Oracle;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 7: a long trace, tenth by tenth. A guest maps {@code pages} 4K pages, then devices read and write them
 * at random while the guest remaps pages (unmap, page-selective invalidation through the queue, map to a new frame)
 * and reads FSTS, until the trace has {@code steps} operations. "impl" is the implementation applying the trace;
 * "model" is the Oracle judging it (the implementation's outcomes, recorded at set-up, observed one by one; a
 * divergence fails the run). One iteration is one tenth of the trace (JMH single-shot mode): iteration k handles
 * tenth k mod 10, from a fresh unit or Oracle at every tenth iteration, so the 10 warm-up iterations go through the
 * trace once and the 10 measured ones through it again, JIT-warm. The median and spread of the ten measured tenths
 * tell whether the last tenth costs what the first does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10)
@Measurement(iterations = 10)
public class OracleScaling {

    @Param({"model", "impl"})
    public String unit;

    @Param({"1000000"})
    public int steps;

    @Param({"100000"})
    public int pages;

    private List<Operation> trace;
    private List<Outcome> outcomes;
    private FastRemappingUnit impl;
    private Oracle oracle;
    private int iteration;

    @Setup(Level.Trial)
    public void setUp() {
        trace = trace(steps, pages, new Random(1));
        if (unit.equals("model")) {
            FastRemappingUnit recorder = new FastRemappingUnit(Units.CAPABILITIES);
            outcomes = new ArrayList<>(trace.size());
            for (Operation operation : trace) {
                outcomes.add(recorder.apply(operation));
            }
        } else if (!unit.equals("impl")) {
            throw new IllegalArgumentException("unknown unit '" + unit + "': use model or impl");
        }
    }

    /** Before every tenth iteration: a fresh unit and Oracle, at the start of the trace. */
    @Setup(Level.Iteration)
    public void restartEveryTenIterations() {
        if (iteration % 10 == 0) {
            impl = new FastRemappingUnit(Units.CAPABILITIES);
            oracle = Oracle.powerOn(Units.CAPABILITIES);
        }
    }

    /** Applies or judges the next tenth of the trace; returns the Oracle's candidate states (1 while certain). */
    @Benchmark
    public int tenth() {
        int tenth = trace.size() / 10;
        int from = iteration++ % 10 * tenth;
        if (outcomes == null) {
            for (int i = from; i < from + tenth; i++) {
                impl.apply(trace.get(i));
            }
            return 1;
        }
        for (int i = from; i < from + tenth; i++) {
            Either<String, Oracle> judged = oracle.observe(trace.get(i), outcomes.get(i));
            if (judged.isLeft()) {
                throw new IllegalStateException("step " + i + ": " + judged.getLeft());
            }
            oracle = judged.get();
        }
        return oracle.candidates().size();
    }

    /** The set-up of {@code pages} mappings followed by device requests and remaps, {@code steps} in all. */
    static List<Operation> trace(int steps, int pages, Random random) {
        GuestDriver driver = new GuestDriver(Units.CAPABILITIES, 0x1000_0000L);
        driver.setRootTable();
        Domain domain = driver.createDomain(1);
        long[] frames = new long[pages];
        for (int page = 0; page < pages; page++) {
            frames[page] = Domains.TARGET + ((long) page << 12);
            driver.map(domain, (long) page << 12, frames[page], PageSize.SIZE_4K, Permission.READ_WRITE);
        }
        driver.attach(Domains.DEVICE, domain);
        driver.enableQueuedInvalidation();
        driver.invalidateContextGlobal(InvalidationPath.QUEUE);
        driver.invalidateIotlbGlobal(InvalidationPath.QUEUE);
        driver.enableTranslation();
        List<Operation> trace = new ArrayList<>(driver.drain());
        while (trace.size() < steps) {
            int page = random.nextInt(pages);
            long iova = (long) page << 12 | random.nextInt(0x1000) & ~7;
            int move = random.nextInt(100);
            if (move < 80) {
                trace.add(new Operation.DmaRequest(Domains.DEVICE, iova, random.nextBoolean() ? Access.READ
                        : Access.WRITE));
            } else if (move < 95) {
                // Linux remaps: clear the PTE, invalidate the page, map the page to another frame
                driver.unmap(domain, (long) page << 12, PageSize.SIZE_4K);
                driver.invalidateIotlbPage(InvalidationPath.QUEUE, 1, (long) page << 12, 0, false);
                frames[page] ^= 1L << 32;
                driver.map(domain, (long) page << 12, frames[page], PageSize.SIZE_4K, Permission.READ_WRITE);
                trace.addAll(driver.drain());
            } else {
                trace.add(new Operation.ReadRegister(Registers.FSTS, 4));
            }
        }
        return trace.subList(0, steps);
    }
}
