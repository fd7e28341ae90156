package io.vtdoracle.model;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.ScalableMode;
import io.vtdoracle.api.ListenerFlag;
import io.vtdoracle.api.ListenerId;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.guest.Domain;
import io.vtdoracle.guest.GuestDriver;
import io.vtdoracle.guest.InvalidationPath;
import io.vtdoracle.guest.PageSize;
import io.vtdoracle.guest.Registers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model is total: from a live configuration (tables, a queue, interrupt remapping, listeners), garbage aimed
 * at the structures the unit reads — random words in its table pages and queue, random register writes, requests
 * anywhere — always gives at least one allowed outcome, never an exception or a hang.
 */
class TotalityTest {

    private static final int[] REGISTERS = {Registers.GCMD, Registers.RTADDR, Registers.CCMD, Registers.CCMD + 4,
        Registers.FSTS, Registers.FECTL, Registers.IQT, Registers.IQA, Registers.ICS, Registers.IECTL,
        Registers.IRTA, Registers.IVA, Registers.IOTLB, Registers.IOTLB + 4, Registers.FRCD + 12};

    @Test
    @Timeout(120)
    void garbageAimedAtLiveStructuresAlwaysHasAnOutcome() {
        for (long seed = 0; seed < 12; seed++) {
            Random random = new Random(seed);
            Capabilities wide = Capabilities.DEFAULT.withAddressWidth(48).withDeviceTlb(true)
                    .withExtendedInterruptMode(true).withFaultRecordingRegisters(4).withMaxAddressMaskValue(63);
            // A third of the seeds report scalable mode: garbage RTADDR writes then latch TTM 01b (contract §9).
            Capabilities capabilities = switch ((int) (seed % 3)) {
                case 0 -> Capabilities.DEFAULT;
                case 1 -> wide;
                default -> wide.withScalableMode(ScalableMode.ALL);
            };
            GuestDriver driver = new GuestDriver(capabilities, 0x10_0000);
            List<Long> livePages = configure(driver);
            UnitState state = ReferenceModel.powerOn(capabilities);
            for (Operation operation : driver.drain()) {
                state = ReferenceModel.step(state, operation).canonical().next();
            }
            for (int i = 0; i < 400; i++) {
                Operation garbage = garbage(random, livePages);
                Expectation expectation = ReferenceModel.step(state, garbage);
                assertThat(expectation.alternatives()).as("seed %d step %d: %s", seed, i, garbage).isNotEmpty();
                state = expectation.alternatives().get(random.nextInt(expectation.alternatives().size())).next();
            }
        }
    }

    /** Root table, two domains with 4K and 2M leaves, two devices, a queue, IRTEs and three listeners. */
    private static List<Long> configure(GuestDriver driver) {
        List<Long> pages = new ArrayList<>();
        long first = driver.allocatePage();
        driver.setRootTable();
        Domain one = driver.createDomain(1);
        Domain two = driver.createDomain(2);
        for (int i = 0; i < 8; i++) {
            driver.map(one, 0x1000L * i, 0x4000_0000L + 0x1000L * i, PageSize.SIZE_4K, Permission.READ_WRITE);
        }
        driver.map(two, 0x20_0000, 0x8000_0000L, PageSize.SIZE_2M, Permission.READ);
        SourceId a = SourceId.of(0, 3, 0);
        SourceId b = SourceId.of(1, 0, 1);
        driver.attach(a, one);
        driver.attach(b, two);
        driver.enableQueuedInvalidation();
        driver.invalidateContextGlobal(InvalidationPath.QUEUE);
        driver.enableTranslation();
        driver.enableInterruptRemapping(3, false);
        driver.writeIrte(1, io.vtdoracle.guest.Encoding.irteLow(true, false, false, false, false, 0, 0x40, 0x100),
                0);
        driver.writeIrte(2, 0, 0);
        long last = driver.allocatePage();
        for (long page = first; page <= last; page += 0x1000) {
            pages.add(page);
        }
        return List.copyOf(pages);
    }

    private static Operation garbage(Random random, List<Long> livePages) {
        SourceId source = random.nextBoolean() ? SourceId.of(0, 3, 0) : new SourceId(random.nextInt(0x10000));
        switch (random.nextInt(10)) {
            case 0:
            case 1:
            case 2:
                long page = livePages.get(random.nextInt(livePages.size()));
                return new Operation.WriteMemory(page + 8L * random.nextInt(512), word(random, page));
            case 3:
                return new Operation.WriteRegister(REGISTERS[random.nextInt(REGISTERS.length)],
                        random.nextBoolean() ? 4 : 8, random.nextLong());
            case 4:
                return new Operation.WriteRegister(random.nextInt(0x300), random.nextInt(9), random.nextLong());
            case 5:
                return new Operation.DmaRequest(source, random.nextBoolean() ? random.nextInt(0x40_0000)
                        : random.nextLong(), random.nextBoolean() ? Access.READ : Access.WRITE);
            case 6:
                return new Operation.InterruptRequest(source, 0xFEE0_0000L | random.nextInt(0x10_0000),
                        random.nextInt());
            case 7:
                Set<ListenerFlag> flags = EnumSet.noneOf(ListenerFlag.class);
                for (ListenerFlag flag : ListenerFlag.values()) {
                    if (random.nextBoolean()) {
                        flags.add(flag);
                    }
                }
                return new Operation.RegisterListener(new ListenerId(random.nextInt(4)), source,
                        random.nextBoolean() ? 0 : random.nextLong(), random.nextBoolean() ? -1L : random.nextLong(),
                        flags);
            case 8:
                return new Operation.Replay(new ListenerId(random.nextInt(4)));
            default:
                return new Operation.ReadRegister(REGISTERS[random.nextInt(REGISTERS.length)], 8);
        }
    }

    /** Mostly entries that point into the live pages (with random flag bits), sometimes any bits at all. */
    private static long word(Random random, long page) {
        return random.nextInt(4) == 0 ? random.nextLong()
                : (page & ~0xFFFL) | (random.nextLong() & 0xFFF) | (random.nextBoolean() ? 1L << 62 : 0);
    }
}
