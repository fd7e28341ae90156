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

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Benchmark 7: the Oracle judging a long trace. A guest maps {@value #PAGES} 4K pages, then devices read and write
 * them at random while the guest remaps pages (unmap, page-selective invalidation through the queue, map to a new
 * frame) and reads FSTS, until the trace has {@value #STEPS} operations. The implementation runs the trace first
 * and its outcomes are recorded; then the Oracle observes each (operation, outcome) and the time of each tenth of
 * the trace is printed, in the judging thread's CPU time (a shared machine's load does not count) and in wall
 * time. A single shot (no JMH): the figure of interest is whether the last tenth is as fast as the first. {@code java -cp impl/target/vtd-bench.jar io.vtdoracle.bench.OracleScaling [steps] [pages]}.
 */
public final class OracleScaling {

    static final int PAGES = 100_000;
    static final int STEPS = 1_000_000;

    private OracleScaling() {
    }

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : STEPS;
        int pages = args.length > 1 ? Integer.parseInt(args[1]) : PAGES;
        List<Operation> trace = trace(steps, pages, new Random(1));
        FastRemappingUnit unit = new FastRemappingUnit(Units.CAPABILITIES);
        List<Outcome> outcomes = new ArrayList<>(trace.size());
        for (Operation operation : trace) {
            outcomes.add(unit.apply(operation));
        }
        Oracle oracle = Oracle.powerOn(Units.CAPABILITIES);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int tenth = trace.size() / 10;
        double[] rates = new double[10];
        int mostCandidates = 1;
        for (int part = 0; part < 10; part++) {
            long wall = System.nanoTime();
            long cpu = threads.getCurrentThreadCpuTime();
            for (int i = part * tenth; i < (part + 1) * tenth; i++) {
                Either<String, Oracle> judged = oracle.observe(trace.get(i), outcomes.get(i));
                if (judged.isLeft()) {
                    throw new IllegalStateException("step " + i + ": " + judged.getLeft());
                }
                oracle = judged.get();
                mostCandidates = Math.max(mostCandidates, oracle.candidates().size());
            }
            rates[part] = tenth / ((threads.getCurrentThreadCpuTime() - cpu) / 1e9);
            System.out.printf(Locale.ROOT, "tenth %2d: %,10.0f steps per CPU second (%,10.0f per wall second)%n",
                    part + 1, rates[part], tenth / ((System.nanoTime() - wall) / 1e9));
        }
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%,d steps over %,d pages: median %,.0f steps per CPU second, last/first "
                        + "tenth %.2f, at most %d candidate states%n", trace.size(), pages,
                (sorted[4] + sorted[5]) / 2, rates[9] / rates[0], mostCandidates);
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
