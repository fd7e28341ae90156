package io.vtdoracle.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Either;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Event;
import io.vtdoracle.api.ListenerFlag;
import io.vtdoracle.api.ListenerId;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.guest.Domain;
import io.vtdoracle.guest.Encoding;
import io.vtdoracle.guest.GuestDriver;
import io.vtdoracle.guest.InvalidationPath;
import io.vtdoracle.guest.PageSize;
import io.vtdoracle.guest.Registers;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import io.vtdoracle.oracle.Oracle;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Contract §7 in lockstep: {@link FastRemappingUnit} and the reference model run the same seeded random guest
 * programs, focused on listeners, and every outcome of the implementation is judged by
 * the model's {@link Oracle}, which keeps every model state consistent with the outcomes so far. A guest driver maps, unmaps and remaps 4K, 2M and 1G
 * leaves (some translating into the interrupt window), damages entries, attaches, switches and detaches domains,
 * toggles translation and pass-through, and invalidates through the registers or the queue (page-selective with
 * AM 0..9, domain, global, context global/domain/device with FM, device-TLB); the VMM registers VFIO's two split
 * listeners, UNMAP-only, MAP-only and device-TLB listeners on 2–3 devices, replays and unregisters them.
 *
 * <p>On a mismatch the message gives the seed, the operation index, the operation, both outcomes and the driver
 * actions that led there. {@code -Dvtd.listener.seed=S} runs seed S alone; {@code -Dvtd.listener.seeds=N} sets
 * how many seeds run.
 */
class ListenerDifferentialTest {

    private static final int DEFAULT_SEEDS = 400;
    private static final int ACTIONS = 160;
    private static final long BELOW_WINDOW_LAST = 0xFEDF_FFFFL;
    private static final long ABOVE_WINDOW_FIRST = 0xFEF0_0000L;
    private static final Permission[] PERMISSIONS = {Permission.READ, Permission.WRITE, Permission.READ_WRITE};

    @Test
    void theImplementationsListenerEventsAreTheModels() {
        String single = System.getProperty("vtd.listener.seed");
        Statistics statistics = new Statistics();
        if (single != null) {
            run(Long.parseLong(single), statistics);
        } else {
            int seeds = Integer.getInteger("vtd.listener.seeds", DEFAULT_SEEDS);
            for (long seed = 1; seed <= seeds; seed++) {
                run(seed, statistics);
            }
        }
        System.out.println("ListenerDifferentialTest: " + statistics);
        assertThat(statistics.maps).as("the programs map").isPositive();
        assertThat(statistics.unmaps).as("the programs unmap").isPositive();
        assertThat(statistics.switches).as("the programs switch views").isPositive();
        assertThat(statistics.deviceTlbUnmaps).as("the programs invalidate device TLBs").isPositive();
    }

    private static void run(long seed, Statistics statistics) {
        Program program = new Program(seed);
        FastRemappingUnit impl = new FastRemappingUnit(program.capabilities);
        Oracle oracle = Oracle.powerOn(program.capabilities, Oracle.Judging.STRICT);
        int index = 0;
        for (int action = 0; action < ACTIONS; action++) {
            program.next();
            for (Operation operation : program.drain()) {
                Outcome actual = impl.apply(operation);
                Either<String, Oracle> verdict = oracle.observe(operation, actual);
                if (verdict.isLeft()) {
                    throw new AssertionError(String.format(
                            "seed %d, operation %d (action %d): %s%n  impl:    %s%n  model:   %s%n  actions:%n    %s",
                            seed, index, action, operation, actual, verdict.getLeft(),
                            String.join("\n    ", program.log)));
                }
                oracle = verdict.get();
                statistics.count(actual);
                index++;
            }
        }
        statistics.operations += index;
    }

    /** Counts of what the programs made the units do, to see that they exercise listeners. */
    private static final class Statistics {
        long operations;
        long maps;
        long unmaps;
        long deviceTlbUnmaps;
        long switches;

        void count(Outcome outcome) {
            for (Event event : outcome.events()) {
                if (event instanceof Event.ListenerNotified notified) {
                    switch (notified.type()) {
                        case MAP:
                            maps++;
                            break;
                        case UNMAP:
                            unmaps++;
                            break;
                        default:
                            deviceTlbUnmaps++;
                            break;
                    }
                } else if (event instanceof Event.AddressSpaceSwitched) {
                    switches++;
                }
            }
        }

        @Override
        public String toString() {
            return String.format("%d operations, %d MAP, %d UNMAP, %d DEVICE_IOTLB_UNMAP, %d switches",
                    operations, maps, unmaps, deviceTlbUnmaps, switches);
        }
    }

    /** A leaf slot a program may map: its IOVA and size. */
    private record Slot(long iova, PageSize size) {
    }

    /** A seeded random guest program, one driver action at a time, with a readable log of its actions. */
    private static final class Program {

        final Random random;
        final Capabilities capabilities;
        final GuestDriver driver;
        final List<String> log = new ArrayList<>();
        final List<SourceId> devices = new ArrayList<>();
        final List<Domain> domains = new ArrayList<>();
        /** Per domain: the leaves the driver wrote and did not clear, by IOVA (they never overlap). */
        final Map<Integer, TreeMap<Long, PageSize>> leaves = new HashMap<>();
        final List<Slot> slots = new ArrayList<>();
        final List<Operation> issued = new ArrayList<>();
        boolean translation;
        boolean queue;

        Program(long seed) {
            random = new Random(seed);
            int variant = random.nextInt(8);
            Capabilities base = Capabilities.DEFAULT.withDeviceTlb(true);
            capabilities = variant == 0 ? base.withAddressWidth(48)
                    : variant == 1 ? base.withSuperpages(false) : base;
            driver = new GuestDriver(capabilities, 0x10_0000L);
            devices.add(SourceId.of(0, 2, 0));
            devices.add(SourceId.of(0, 2, 1));
            if (random.nextBoolean()) {
                devices.add(SourceId.of(1, 0, 0));
            }
            int[] dids = {1, 2, 7};
            for (int did : dids) {
                Domain domain = random.nextInt(4) == 0 && capabilities.addressWidth() == 48
                        ? driver.createDomain(did, 3) : driver.createDomain(did);
                domains.add(domain);
                leaves.put(did, new TreeMap<>(Long::compareUnsigned));
            }
            for (long i = 0; i < 8; i++) {
                slots.add(new Slot(i << 12, PageSize.SIZE_4K));
                slots.add(new Slot(0x20_0000L + (i << 12), PageSize.SIZE_4K));
                slots.add(new Slot(0xFEDF_C000L + (i << 12), PageSize.SIZE_4K));
                slots.add(new Slot(0xFEE0_0000L + (i << 12), PageSize.SIZE_4K));
                slots.add(new Slot(0xFEEF_C000L + (i << 12), PageSize.SIZE_4K));
            }
            for (long iova : new long[] {0, 0x20_0000L, 0x40_0000L, 0xFEC0_0000L, 0xFEE0_0000L, 0x4000_0000L,
                0xC000_0000L, 0x1_0000_0000L}) {
                slots.add(new Slot(iova, PageSize.SIZE_2M));
            }
            for (long iova : new long[] {0, 0x4000_0000L, 0xC000_0000L, 0x1_0000_0000L}) {
                slots.add(new Slot(iova, PageSize.SIZE_1G));
            }
            if (capabilities.addressWidth() == 48) {
                slots.add(new Slot(0x80_0000_0000L, PageSize.SIZE_4K));
                slots.add(new Slot(0x80_0000_0000L, PageSize.SIZE_1G));
            }
            setUp();
        }

        private void action(String text) {
            log.add(text);
        }

        private void setUp() {
            driver.setRootTable();
            action("set root table");
            for (SourceId device : devices) {
                if (random.nextInt(4) != 0) {
                    Domain domain = pick(domains);
                    driver.attach(device, domain);
                    action("attach " + device + " to DID " + domain.did());
                }
            }
            if (random.nextBoolean()) {
                driver.enableQueuedInvalidation();
                queue = true;
                action("enable queued invalidation");
            }
            if (random.nextInt(4) != 0) {
                driver.enableTranslation();
                translation = true;
                action("TE on");
            }
        }

        void next() {
            int choice = random.nextInt(100);
            if (choice < 14) {
                mapLeaf(random.nextInt(3) == 0);
            } else if (choice < 20) {
                unmapLeaf(random.nextInt(3) == 0);
            } else if (choice < 32) {
                pageInvalidation();
            } else if (choice < 35) {
                domainInvalidation();
            } else if (choice < 37) {
                globalInvalidation();
            } else if (choice < 44) {
                contextInvalidation();
            } else if (choice < 51) {
                context();
            } else if (choice < 54) {
                translation();
            } else if (choice < 62) {
                register();
            } else if (choice < 65) {
                unregister();
            } else if (choice < 73) {
                replay();
            } else if (choice < 77) {
                deviceTlb();
            } else if (choice < 81) {
                damage();
            } else if (choice < 82) {
                rootTable();
            } else if (choice < 86) {
                promoteOrDemote();
            } else if (choice < 83 && !queue) {
                driver.enableQueuedInvalidation();
                queue = true;
                action("enable queued invalidation");
            } else {
                mapLeaf(true);
            }
        }

        private <T> T pick(List<T> values) {
            return values.get(random.nextInt(values.size()));
        }

        private InvalidationPath path() {
            return queue && random.nextInt(8) != 0 ? InvalidationPath.QUEUE : InvalidationPath.REGISTER;
        }

        private int did() {
            return random.nextInt(8) == 0 ? random.nextInt(10) : pick(domains).did();
        }

        private long target(PageSize size) {
            switch (random.nextInt(6)) {
                case 0:
                    // Into or across the interrupt window.
                    return size == PageSize.SIZE_1G ? 0xC000_0000L
                            : size == PageSize.SIZE_2M ? 0xFEE0_0000L : 0xFEE0_0000L + random.nextInt(512) * 0x1000L;
                case 1:
                    return size == PageSize.SIZE_4K ? 0xFEDF_F000L + random.nextInt(3) * 0x10_1000L
                            : size.bytes() * (1 + random.nextInt(2));
                default:
                    return size.bytes() * (1 + random.nextInt(size == PageSize.SIZE_1G ? 4 : 64));
            }
        }

        /** Maps a leaf, clearing a larger one above it first; with {@code invalidate} as Linux does after it. */
        private void mapLeaf(boolean invalidate) {
            mapLeaf(pick(domains), pick(slots), invalidate);
        }

        private void mapLeaf(Domain domain, Slot slot, boolean invalidate) {
            TreeMap<Long, PageSize> held = leaves.get(domain.did());
            long last = slot.iova + slot.size.bytes() - 1;
            for (Map.Entry<Long, PageSize> leaf : new ArrayList<>(held.entrySet())) {
                long leafLast = leaf.getKey() + leaf.getValue().bytes() - 1;
                if (Long.compareUnsigned(leaf.getKey(), last) > 0 || Long.compareUnsigned(leafLast, slot.iova) < 0) {
                    continue;
                }
                if (leaf.getValue().level() > slot.size.level()) {
                    driver.unmap(domain, leaf.getKey(), leaf.getValue());
                }
                held.remove(leaf.getKey());
            }
            long target = target(slot.size);
            Permission permission = PERMISSIONS[random.nextInt(3)];
            driver.map(domain, slot.iova, target, slot.size, permission);
            held.put(slot.iova, slot.size);
            action(String.format("map DID %d 0x%x %s -> 0x%x %s", domain.did(), slot.iova, slot.size, target,
                    permission));
            if (invalidate) {
                int am = slot.size.level() == 1 ? 0 : slot.size.level() == 2 ? 9 : random.nextInt(10);
                pageInvalidation(domain.did(), slot.iova, am);
            }
        }

        /**
         * A 2M or 1G leaf replaces smaller leaves the listeners were told (promotion), or the reverse (demotion),
         * without an invalidation of its whole range: then a page-selective invalidation at its start, its end or
         * inside it.
         */
        private void promoteOrDemote() {
            Domain domain = pick(domains);
            PageSize large = random.nextBoolean() ? PageSize.SIZE_2M : PageSize.SIZE_1G;
            List<Slot> candidates = new ArrayList<>();
            for (Slot slot : slots) {
                if (slot.size == large) {
                    candidates.add(slot);
                }
            }
            Slot slot = pick(candidates);
            PageSize small = large == PageSize.SIZE_2M ? PageSize.SIZE_4K
                    : random.nextBoolean() ? PageSize.SIZE_4K : PageSize.SIZE_2M;
            boolean promote = random.nextBoolean();
            if (promote) {
                for (int i = 0; i < 3; i++) {
                    long offset = small.bytes() * (random.nextBoolean() ? i : 511 - i);
                    mapLeaf(domain, new Slot(slot.iova + offset, small), true);
                }
                mapLeaf(domain, slot, false);
            } else {
                mapLeaf(domain, slot, true);
                long offset = small.bytes() * random.nextInt(512);
                mapLeaf(domain, new Slot(slot.iova + offset, small), false);
            }
            long position = random.nextInt(3) == 0 ? 0 : random.nextBoolean() ? large.bytes() - 0x1000
                    : random.nextInt(512) * 0x1000L;
            pageInvalidation(domain.did(), slot.iova + position, random.nextInt(3) == 0 ? random.nextInt(10) : 0);
        }

        private void unmapLeaf(boolean invalidate) {
            Domain domain = pick(domains);
            TreeMap<Long, PageSize> held = leaves.get(domain.did());
            if (held.isEmpty()) {
                return;
            }
            List<Long> iovas = new ArrayList<>(held.keySet());
            long iova = pick(iovas);
            PageSize size = held.remove(iova);
            driver.unmap(domain, iova, size);
            action(String.format("unmap DID %d 0x%x %s", domain.did(), iova, size));
            if (invalidate) {
                pageInvalidation(domain.did(), iova, size.level() == 1 ? 0 : random.nextInt(10));
            }
        }

        /** A page-selective invalidation at the start, the end or inside a slot (a leaf may reach beyond it). */
        private void pageInvalidation() {
            Slot slot = pick(slots);
            int did = did();
            Domain domain = pick(domains);
            TreeMap<Long, PageSize> held = leaves.get(domain.did());
            if (!held.isEmpty() && random.nextBoolean()) {
                long iova = pick(new ArrayList<>(held.keySet()));
                slot = new Slot(iova, held.get(iova));
                did = domain.did();
            }
            int am = random.nextInt(10);
            long size = 0x1000L << am;
            long address;
            switch (random.nextInt(3)) {
                case 0:
                    address = slot.iova;
                    break;
                case 1:
                    address = slot.iova + slot.size.bytes() - size;
                    break;
                default:
                    address = slot.iova + random.nextInt(512) * 0x1000L;
                    break;
            }
            pageInvalidation(did, address, am);
        }

        private void pageInvalidation(int did, long address, int am) {
            InvalidationPath path = path();
            driver.invalidateIotlbPage(path, did, address, am, random.nextInt(4) == 0);
            action(String.format("PSI DID %d 0x%x AM %d by %s", did, address, am, path));
        }

        private void domainInvalidation() {
            int did = did();
            InvalidationPath path = path();
            driver.invalidateIotlbDomain(path, did);
            action(String.format("IOTLB DSI DID %d by %s", did, path));
        }

        private void globalInvalidation() {
            InvalidationPath path = path();
            driver.invalidateIotlbGlobal(path);
            action("IOTLB global by " + path);
        }

        private void contextInvalidation() {
            InvalidationPath path = path();
            int kind = random.nextInt(3);
            if (kind == 0) {
                driver.invalidateContextGlobal(path);
                action("context global by " + path);
            } else if (kind == 1) {
                int did = did();
                driver.invalidateContextDomain(path, did);
                action(String.format("context DID %d by %s", did, path));
            } else {
                SourceId device = pick(devices);
                int did = did();
                int fm = random.nextInt(3) == 0 ? random.nextInt(4) : 0;
                if (path == InvalidationPath.QUEUE) {
                    driver.submitAndWait(Encoding.contextDevice(did, device, fm));
                } else {
                    driver.writeRegister(Registers.CCMD, 8, Encoding.ccmd(3, did, device, fm));
                }
                action(String.format("context device %s FM %d by %s", device, fm, path));
            }
        }

        /** Attaches, switches, detaches, makes pass-through or breaks a device's context entry (no invalidation). */
        private void context() {
            SourceId device = pick(devices);
            int kind = random.nextInt(10);
            if (kind < 5) {
                Domain domain = pick(domains);
                driver.attach(device, domain);
                action("attach " + device + " to DID " + domain.did());
            } else if (kind < 7) {
                int did = did();
                driver.attachPassThrough(device, did);
                action("pass-through " + device + " DID " + did);
            } else if (kind < 8) {
                driver.detach(device);
                action("detach " + device);
            } else if (kind < 9) {
                Domain domain = pick(domains);
                driver.writeContext(device, Encoding.contextEntryLow(domain.table(), Encoding.TT_DEVICE_TLB, false,
                        true), Encoding.contextEntryHigh(Encoding.addressWidthField(domain.levels()), domain.did()));
                action("attach " + device + " to DID " + domain.did() + " with device TLB");
            } else {
                Domain domain = pick(domains);
                driver.writeContext(device, Encoding.contextEntryLow(domain.table(), Encoding.TT_UNTRANSLATED,
                        false, true), Encoding.contextEntryHigh(5, domain.did()));
                action("attach " + device + " to DID " + domain.did() + " with a bad AW");
            }
        }

        private void translation() {
            translation = !translation;
            if (translation) {
                driver.enableTranslation();
            } else {
                driver.disableTranslation();
            }
            action("TE " + (translation ? "on" : "off"));
        }

        private void rootTable() {
            driver.setRootTable();
            action("set a new, empty root table");
        }

        private ListenerId listenerId() {
            return new ListenerId(1 + random.nextInt(10));
        }

        private void register() {
            SourceId device = pick(devices);
            int kind = random.nextInt(10);
            if (kind < 3) {
                ListenerId below = listenerId();
                ListenerId above = listenerId();
                Set<ListenerFlag> flags = EnumSet.of(ListenerFlag.MAP, ListenerFlag.UNMAP);
                if (random.nextInt(3) == 0) {
                    flags.add(ListenerFlag.DEVICE_IOTLB_UNMAP);
                }
                registerListener(below, device, 0, BELOW_WINDOW_LAST, flags);
                registerListener(above, device, ABOVE_WINDOW_FIRST, -1L, flags);
                if (random.nextBoolean()) {
                    replay(below);
                    replay(above);
                }
                return;
            }
            Set<ListenerFlag> flags;
            if (kind < 5) {
                flags = EnumSet.of(ListenerFlag.UNMAP);
            } else if (kind < 7) {
                flags = EnumSet.of(ListenerFlag.MAP);
            } else if (kind < 8) {
                flags = EnumSet.of(ListenerFlag.DEVICE_IOTLB_UNMAP);
            } else if (kind < 9) {
                flags = EnumSet.of(ListenerFlag.MAP, ListenerFlag.UNMAP);
            } else {
                flags = EnumSet.noneOf(ListenerFlag.class);
                for (ListenerFlag flag : ListenerFlag.values()) {
                    if (random.nextBoolean()) {
                        flags.add(flag);
                    }
                }
            }
            long[][] ranges = {
                {0, -1L}, {0x1000, 0x3F_FFFFL}, {0xFEE0_0000L, 0xFEEF_FFFFL}, {0xFEC0_0000L, 0xFEFF_FFFFL},
                {0x1800, 0x20_2FFFL}, {0xC000_0000L, 0xFFFF_FFFFL}, {0x4000_0000L, 0x7FFF_FFFFL},
                {0x3000, 0x1000},
            };
            long[] range = ranges[random.nextInt(ranges.length)];
            registerListener(listenerId(), device, range[0], range[1], flags);
        }

        private void registerListener(ListenerId id, SourceId device, long first, long last,
                                      Set<ListenerFlag> flags) {
            driverIssue(new Operation.RegisterListener(id, device, first, last, flags));
            action(String.format("listen %s on %s [0x%x..0x%x] %s", id, device, first, last, flags));
        }

        private void unregister() {
            ListenerId id = listenerId();
            driverIssue(new Operation.UnregisterListener(id));
            action("unlisten " + id);
        }

        private void replay() {
            replay(listenerId());
        }

        private void replay(ListenerId id) {
            driverIssue(new Operation.Replay(id));
            action("replay " + id);
        }

        private void deviceTlb() {
            if (!queue) {
                return;
            }
            SourceId device = pick(devices);
            long address = pick(slots).iova + random.nextInt(16) * 0x1000L;
            boolean sizeBit = random.nextBoolean();
            driver.submitAndWait(Encoding.deviceTlb(device, address, sizeBit));
            action(String.format("device-TLB %s 0x%x S %b", device, address, sizeBit));
        }

        /**
         * Damages an entry the driver wrote: a reserved bit in a leaf (the leaf is no mapping any more), or fewer
         * rights in a directory entry (the leaves below it lose them). The driver still sees the same tree.
         */
        private void damage() {
            Domain domain = pick(domains);
            TreeMap<Long, PageSize> held = leaves.get(domain.did());
            if (held.isEmpty()) {
                return;
            }
            long iova = pick(new ArrayList<>(held.keySet()));
            PageSize size = held.get(iova);
            int above = domain.levels() - size.level();
            int level = random.nextBoolean() || above == 0 ? size.level() : size.level() + 1 + random.nextInt(above);
            long entry = entryAddress(domain, iova, level);
            if (entry < 0) {
                return;
            }
            long value = driver.readWord(entry);
            if (level == size.level()) {
                value |= random.nextBoolean() ? 1L << 11 : 1L << 62;
            } else {
                value = value & ~3L | (1 + random.nextInt(3));
            }
            driver.writeWord(entry, value);
            action(String.format("damage DID %d 0x%x level %d: 0x%x", domain.did(), iova, level, value));
        }

        /** The address of the level-{@code level} entry translating {@code iova}, from what the driver wrote. */
        private long entryAddress(Domain domain, long iova, int level) {
            long table = domain.table();
            for (int at = domain.levels(); at > level; at--) {
                long value = driver.readWord(table + 8 * ((iova >>> (12 + 9 * (at - 1))) & 0x1FF));
                if ((value & 3) == 0) {
                    return -1;
                }
                table = value & ~0xFFFL & ((1L << 52) - 1);
            }
            return table + 8 * ((iova >>> (12 + 9 * (level - 1))) & 0x1FF);
        }

        /** A VMM operation, after what the driver issued so far. */
        private void driverIssue(Operation operation) {
            issued.addAll(driver.drain());
            issued.add(operation);
        }

        /** The operations of the actions since the last drain, in order. */
        List<Operation> drain() {
            issued.addAll(driver.drain());
            List<Operation> result = new ArrayList<>(issued);
            issued.clear();
            return result;
        }
    }
}
