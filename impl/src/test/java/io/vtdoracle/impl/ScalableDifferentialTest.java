package io.vtdoracle.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Either;
import io.vtdoracle.api.Access;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Event;
import io.vtdoracle.api.ListenerFlag;
import io.vtdoracle.api.ListenerId;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Result;
import io.vtdoracle.api.ScalableMode;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.oracle.Oracle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Scalable mode (contract §9) against the model: random programs build a device's scalable structures (root,
 * context, PASID directory and table entries, second- or first-stage tables), flip bits in them (reserved bits,
 * present bits, PGTT, AW, FSPM, FPD, pointers, permissions, PS), and ask for DMA. In one test the caches are
 * invalidated globally before every request (context cache, PASID cache, IOTLB, with 256-bit descriptors), so the
 * only admitted answer is the fresh walk's (§9.1 – §9.8); in the other random invalidations come between the
 * requests and a VFIO listener follows the device (§9.9, §9.10). Every outcome of the implementation is judged by
 * the model's {@link Oracle}, strictly.
 */
class ScalableDifferentialTest {

    private static final int SEEDS = Integer.getInteger("vtd.scalable.seeds", 60);
    private static final int REQUESTS = 40;
    private static final SourceId DEVICE = SourceId.of(0, 3, 0);
    private static final SourceId UPPER = SourceId.of(0, 0x13, 2);
    private static final long ROOT = 0x1000;
    private static final long CONTEXT = 0x10000;
    private static final long DIRECTORY = 0x40000;
    private static final long PASID_TABLE = 0x41000;
    private static final long QUEUE = 0x80000;
    private static final long TABLES = 0x10_0000;
    private static final long[] ADDRESSES = {0x3000, 0x3123, 0x20_1000, 0x4000_0000L, 0x7F_FFFF_F000L, 1L << 39,
        1L << 47, 0xFFFF_8000_0000_3000L, 1L << 50, 0xFEE0_0000L};
    /** Listener notifications seen by this test. */
    private long notifications;
    private static final Capabilities[] CAPABILITIES = {
        Capabilities.DEFAULT.withScalableMode(ScalableMode.QEMU_SECOND_STAGE),
        Capabilities.DEFAULT.withScalableMode(ScalableMode.QEMU_FIRST_STAGE),
        Capabilities.DEFAULT.withAddressWidth(48).withDeviceTlb(true).withScalableMode(ScalableMode.ALL),
        Capabilities.DEFAULT.withSuperpages(false).withPassThrough(false).withScalableMode(ScalableMode.ALL)};

    /**
     * The invalidations of the program without fresh walks: context-cache (global, domain, device), PASID-cache
     * (domain, PASID 0 and 1, global), IOTLB (global, domain, pages), P_IOTLB (PASID, pages), for DID 5 (the
     * program's) and 6, and none.
     */
    private static final long[][] INVALIDATIONS = {
        {1 | 1 << 4, 0}, {1 | 2 << 4 | 5 << 16, 0}, {1 | 3 << 4 | (long) DEVICE.value() << 32, 0},
        {7 | 5 << 16, 0}, {7 | 1 << 4 | 5 << 16, 0}, {7 | 1 << 4 | 5 << 16 | 1L << 32, 0}, {7 | 3 << 4, 0},
        {7 | 6 << 16, 0},
        {2 | 1 << 4, 0}, {2 | 2 << 4 | 5 << 16, 0}, {2 | 3 << 4 | 5 << 16, 0x3000}, {2 | 3 << 4 | 5 << 16, 0x20_0009},
        {2 | 2 << 4 | 6 << 16, 0},
        {6 | 2 << 4 | 5 << 16, 0}, {6 | 2 << 4 | 5 << 16 | 1L << 32, 0}, {6 | 3 << 4 | 5 << 16, 0x3000},
        {6 | 3 << 4 | 5 << 16, 0x4000_0000L | 18},
        {5, 0}};

    @Test
    void everyFreshScalableModeOutcomeIsOneTheModelAllows() {
        Map<Result.DmaFault, Integer> faults = new HashMap<>();
        int translated = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            translated += run(seed, faults, true);
        }
        assertThat(translated).as("requests translated").isPositive();
        assertThat(faults.size()).as("distinct fault reasons met").isGreaterThan(20);
    }

    @Test
    void cachedAnswersAndListenerEventsAreOnesTheModelAllows() {
        Map<Result.DmaFault, Integer> faults = new HashMap<>();
        int translated = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            translated += run(seed, faults, false);
        }
        assertThat(translated).as("requests translated").isPositive();
        assertThat(notifications).as("listener notifications").isGreaterThan(100);
    }

    /**
     * One random program; with {@code fresh} every request follows global invalidations of every cache, else random
     * invalidations (every type and granularity) come between requests, and a VFIO listener on the device is kept
     * exact.
     */
    private int run(long seed, Map<Result.DmaFault, Integer> faults, boolean fresh) {
        Random random = new Random(seed);
        Capabilities capabilities = CAPABILITIES[random.nextInt(CAPABILITIES.length)];
        FastRemappingUnit impl = new FastRemappingUnit(capabilities);
        Oracle[] oracle = {Oracle.powerOn(capabilities, Oracle.Judging.STRICT)};
        List<String> log = new ArrayList<>();
        List<Long> words = new ArrayList<>();
        Runner runner = (operation) -> {
            Outcome actual = impl.apply(operation);
            log.add(operation + " -> " + actual);
            Either<String, Oracle> verdict = oracle[0].observe(operation, actual);
            if (verdict.isLeft()) {
                throw new AssertionError(String.format("seed %d: %s%n  impl:  %s%n  model: %s%n  log:%n    %s",
                        seed, operation, actual, verdict.getLeft(), String.join("\n    ", log)));
            }
            oracle[0] = verdict.get();
            notifications += actual.events().stream().filter(Event.ListenerNotified.class::isInstance).count();
            return actual;
        };
        program(random, capabilities, words).forEach(runner::apply);
        runner.apply(new Operation.WriteRegister(0x20, 8, ROOT | (random.nextInt(8) == 0 ? random.nextInt(4) : 1)
                << 10));
        runner.apply(new Operation.WriteRegister(0x18, 4, 1L << 30));
        runner.apply(new Operation.WriteRegister(0x90, 8, QUEUE | 1L << 11));
        runner.apply(new Operation.WriteRegister(0x18, 4, 1L << 26));
        runner.apply(new Operation.WriteRegister(0x18, 4, 1L << 26 | 1L << 31));
        if (!fresh) {
            runner.apply(new Operation.RegisterListener(new ListenerId(1), DEVICE, 0, -1L,
                    Set.of(ListenerFlag.MAP, ListenerFlag.UNMAP)));
        }
        int translated = 0;
        int tail = 0;
        for (int request = 0; request < REQUESTS; request++) {
            if (random.nextInt(3) == 0) {
                long address = words.get(random.nextInt(words.size()));
                long value = ((Result.Value) impl.apply(new Operation.ReadMemory(address)).result()).value();
                runner.apply(new Operation.WriteMemory(address, value ^ 1L << bit(random, capabilities)));
            }
            long[][] descriptors = fresh ? new long[][] {{1 | 1 << 4, 0}, {7 | 3 << 4, 0}, {2 | 1 << 4, 0}}
                    : new long[][] {INVALIDATIONS[random.nextInt(INVALIDATIONS.length)]};
            for (long[] descriptor : descriptors) {
                runner.apply(new Operation.WriteMemory(QUEUE + tail, descriptor[0]));
                runner.apply(new Operation.WriteMemory(QUEUE + tail + 8, descriptor[1]));
                tail = (tail + 32) % 0x1000;
                runner.apply(new Operation.WriteRegister(0x88, 8, tail));
            }
            if (!fresh && random.nextInt(8) == 0) {
                runner.apply(new Operation.Replay(new ListenerId(1)));
            }
            SourceId source = random.nextInt(6) == 0 ? UPPER : DEVICE;
            long address = ADDRESSES[random.nextInt(ADDRESSES.length)] | random.nextInt(0x1000) & ~7;
            Outcome outcome = runner.apply(new Operation.DmaRequest(source, address,
                    random.nextBoolean() ? Access.READ : Access.WRITE));
            if (outcome.result() instanceof Result.Translated) {
                translated++;
            } else if (outcome.result() instanceof Result.DmaFault fault) {
                faults.merge(fault, 1, Integer::sum);
            }
        }
        return translated;
    }

    /** A bit worth flipping: the low flag bits, the top of the address width, the reserved high bits. */
    private static int bit(Random random, Capabilities capabilities) {
        int[] bits = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 20, 21, capabilities.addressWidth() - 1,
            capabilities.addressWidth(), 51, 52, 62, 63};
        return bits[random.nextInt(bits.length)];
    }

    /**
     * The structures of {@link #DEVICE} (and of {@link #UPPER}, in the upper half of its bus's root entry): RID_PASID
     * 0 or 1, a PASID-table entry of a random PGTT, and a three- or four-level second-stage tree or a four- or
     * five-level first-stage tree mapping a few pages; {@code words} collects the addresses written.
     */
    private static List<Operation> program(Random random, Capabilities capabilities, List<Long> words) {
        List<Operation> program = new ArrayList<>();
        int pasid = random.nextInt(4) == 0 ? 1 : 0;
        boolean fiveLevels = capabilities.scalableMode().firstStage5Level() && random.nextBoolean();
        boolean fourLevels = capabilities.addressWidth() == 48 && random.nextBoolean();
        int[] pgtts = {1, 2, 4, random.nextInt(8)};
        long pgtt = pgtts[random.nextInt(pgtts.length)];
        long pasidWord0 = pgtt << 6 | 1;
        long pasidWord2 = 0;
        long top = TABLES;
        int levels;
        long userWritable = 6;
        if (pgtt == 1) {
            levels = fiveLevels ? 5 : 4;
            pasidWord2 = top | (fiveLevels ? 1L << 2 : 0);
        } else {
            levels = fourLevels ? 4 : 3;
            pasidWord0 |= top | (fourLevels ? 2L : 1L) << 2;
            userWritable = 2;
        }
        write(program, words, ROOT + DEVICE.bus() * 16L, CONTEXT | 1);
        write(program, words, ROOT + DEVICE.bus() * 16L + 8, (CONTEXT + 0x1000) | 1);
        for (SourceId source : new SourceId[] {DEVICE, UPPER}) {
            long entry = CONTEXT + (source.devfn() >= 128 ? 0x1000 : 0) + (source.devfn() & 0x7F) * 32L;
            write(program, words, entry, DIRECTORY | 1);
            write(program, words, entry + 8, pasid);
        }
        write(program, words, DIRECTORY, PASID_TABLE | 1);
        write(program, words, PASID_TABLE + pasid * 64L, pasidWord0);
        write(program, words, PASID_TABLE + pasid * 64L + 8, 5);
        write(program, words, PASID_TABLE + pasid * 64L + 16, pasidWord2);
        // one path per address of ADDRESSES, sharing tables where the indexes agree
        long next = TABLES + 0x1000;
        Map<Long, Long> tables = new HashMap<>();
        for (long address : ADDRESSES) {
            long table = top;
            for (int level = levels; level > 1; level--) {
                long slot = table + ((address >>> (12 + 9 * (level - 1))) & 0x1FF) * 8;
                if (level <= 3 && random.nextInt(6) == 0) {
                    long page = 0x8000_0000L >>> (12 + 9 * (level - 1)) << (12 + 9 * (level - 1));
                    write(program, words, slot, page | 1L << 7 | userWritable | 1);
                    table = -1;
                    break;
                }
                Long child = tables.get(slot);
                if (child == null) {
                    child = next;
                    next += 0x1000;
                    tables.put(slot, child);
                    write(program, words, slot, child | userWritable | 1);
                }
                table = child;
            }
            if (table >= 0) {
                long leaf = 0x9000 + random.nextInt(16) * 0x1000L;
                write(program, words, table + ((address >>> 12) & 0x1FF) * 8, leaf | userWritable | 1);
            }
        }
        return program;
    }

    private static void write(List<Operation> program, List<Long> words, long address, long value) {
        program.add(new Operation.WriteMemory(address, value));
        words.add(address);
    }

    @FunctionalInterface
    private interface Runner {
        Outcome apply(Operation operation);
    }
}
