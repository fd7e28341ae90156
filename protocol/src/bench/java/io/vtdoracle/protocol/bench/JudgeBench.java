package io.vtdoracle.protocol.bench;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.ListenerFlag;
import io.vtdoracle.api.ListenerId;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.impl.FastRemappingUnit;
import io.vtdoracle.oracle.Oracle;
import io.vtdoracle.protocol.Recording;
import io.vtdoracle.protocol.TraceJudge;
import io.vtdoracle.protocol.TraceReader;
import io.vtdoracle.protocol.TraceWriter;
import io.vtdoracle.protocol.Verdict;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Throughput of {@code judge}: records a trace of N steps (default 1,000,000) from the implementation — a guest
 * that maps P pages (default 32) for each of 4 devices, turns translation on, listens and replays, then issues
 * requests it set up for (see {@link #request}) — then judges it with the streaming judge and
 * prints steps/s and the peak heap. Not a timed test: run it by hand (README, docs/oracle-protocol.md).
 *
 * <pre>java -Xmx256m -jar protocol/target/vtd-judge-bench.jar [STEPS [PAGES [TRACE.jsonl]]]</pre>
 */
public final class JudgeBench {

    private static final int DEVICES = 4;
    private static int pages = 32;

    private JudgeBench() {
    }

    public static void main(String[] args) throws IOException {
        long steps = args.length > 0 ? Long.parseLong(args[0].replace("_", "").replace(",", "")) : 1_000_000;
        pages = args.length > 1 ? Integer.parseInt(args[1]) : pages;
        Path trace = args.length > 2 ? Path.of(args[2]) : Files.createTempFile("vtd-judge-bench", ".jsonl");
        long start = System.nanoTime();
        record(steps, trace);
        double recordSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "recorded %,d steps (%,.1f MiB) in %.1f s%n", steps,
                Files.size(trace) / 1048576.0, recordSeconds);

        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        start = System.nanoTime();
        Verdict verdict;
        try (TraceReader reader = new TraceReader(Files.newBufferedReader(trace, StandardCharsets.UTF_8))) {
            verdict = TraceJudge.ofObservations(Oracle.Judging.STRICT, n -> { }).judge(reader);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum();
        System.out.println(verdict.text());
        System.out.printf(Locale.ROOT, "judged %,d steps in %.1f s: %,.0f steps/s; peak heap %.0f MiB (max heap %.0f"
                + " MiB)%n", steps, seconds, steps / seconds, peakHeap / 1048576.0,
                Runtime.getRuntime().maxMemory() / 1048576.0);
        if (args.length < 3) {
            Files.delete(trace);
        }
    }

    private static void record(long steps, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             TraceWriter trace = new TraceWriter(out)) {
            RemappingUnit unit = new Recording(FastRemappingUnit::new, trace, Optional.of("impl"))
                    .create(Capabilities.DEFAULT);
            long done = 0;
            for (Operation operation : setUp()) {
                unit.apply(operation);
                done++;
            }
            SplittableRandom random = new SplittableRandom(1);
            for (; done < steps; done++) {
                unit.apply(request(random));
            }
        }
    }

    private static SourceId device(int d) {
        return SourceId.of(0, d + 1, 0);
    }

    private static java.util.List<Operation> setUp() {
        java.util.List<Operation> ops = new java.util.ArrayList<>();
        ops.add(new Operation.WriteMemory(0x10000, 0x11000 | 1));
        for (int d = 0; d < DEVICES; d++) {
            long tables = 0x100000L + d * 0x10000L;
            long context = 0x11000 + device(d).devfn() * 16L;
            ops.add(new Operation.WriteMemory(context, tables | 1));
            ops.add(new Operation.WriteMemory(context + 8, 1 | (d + 1) << 8));
            ops.add(new Operation.WriteMemory(tables, (tables + 0x1000) | 3));
            ops.add(new Operation.WriteMemory(tables + 0x1000, (tables + 0x2000) | 3));
            for (int page = 0; page < pages; page++) {
                ops.add(new Operation.WriteMemory(tables + 0x2000 + page * 8L,
                        (0x1000_0000L + (d * pages + page) * 0x1000L) | (page % 3 + 1)));
            }
        }
        ops.add(new Operation.WriteRegister(0x20, 8, 0x10000));
        ops.add(new Operation.WriteRegister(0x18, 4, 1L << 30));
        ops.add(new Operation.WriteRegister(0x18, 4, 1L << 31));
        for (int d = 0; d < DEVICES; d++) {
            ops.add(new Operation.RegisterListener(new ListenerId(d), device(d), 0, 0xffff_ffffL,
                    Set.of(ListenerFlag.MAP, ListenerFlag.UNMAP)));
            ops.add(new Operation.Replay(new ListenerId(d)));
        }
        return ops;
    }

    /**
     * A request the guest set up for: DMA within the mappings with an access the page allows, interrupt requests
     * (forwarded: interrupt remapping is off), register and memory reads. No faults, so the model follows one
     * state: this measures the judge's steady state, not the ambiguity of unserviced fault records.
     */
    private static Operation request(SplittableRandom random) {
        SourceId device = device(random.nextInt(DEVICES));
        int page = random.nextInt(pages);
        long address = page * 0x1000L + random.nextInt(0x1000);
        int kind = random.nextInt(100);
        if (kind < 80) {
            Access access = switch (page % 3) {
                case 0 -> Access.READ;
                case 1 -> Access.WRITE;
                default -> random.nextBoolean() ? Access.READ : Access.WRITE;
            };
            return new Operation.DmaRequest(device, address, access);
        }
        if (kind < 88) {
            return new Operation.InterruptRequest(device, 0xfee0_0000L | random.nextInt(256) << 4, random.nextInt(256));
        }
        if (kind < 95) {
            return new Operation.ReadRegister(random.nextBoolean() ? 0x08 : 0x1c, 4);
        }
        return new Operation.ReadMemory(0x100000L + random.nextInt(DEVICES * 0x10000));
    }
}
