package io.vtdoracle.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.ListenerFlag;
import io.vtdoracle.api.ListenerId;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.ScalableMode;
import io.vtdoracle.api.SourceId;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Any operation with any field values gets an Outcome: random operations biased towards live structures. */
class RobustnessTest {

    private static final int[] OFFSETS = {0x18, 0x20, 0x28, 0x2C, 0x34, 0x38, 0x3C, 0x40, 0x80, 0x88, 0x90, 0x9C,
        0xA0, 0xB8, 0xF0, 0xF8, 0xFC, 0x220, 0x228, 0x22C, 0x230};

    @Test
    void randomOperationsNeverThrow() {
        for (long seed = 0; seed < 20; seed++) {
            Random random = new Random(seed);
            Capabilities capabilities = random.nextBoolean() ? Capabilities.DEFAULT
                    : Capabilities.DEFAULT.withAddressWidth(48).withDeviceTlb(true).withExtendedInterruptMode(true)
                    .withFaultRecordingRegisters(3).withMaxAddressMaskValue(63)
                    .withScalableMode(ScalableMode.ALL);
            FastRemappingUnit unit = new FastRemappingUnit(capabilities, 1 + random.nextInt(8));
            for (int i = 0; i < 3000; i++) {
                Outcome outcome = unit.apply(operation(random));
                assertThat(outcome).isNotNull();
            }
        }
    }

    private static Operation operation(Random random) {
        SourceId source = new SourceId(random.nextInt(4));
        ListenerId listener = new ListenerId(random.nextInt(4));
        switch (random.nextInt(9)) {
            case 0:
            case 1:
                return new Operation.WriteMemory(address(random), word(random));
            case 2:
                return new Operation.WriteRegister(random.nextInt(8) == 0 ? random.nextInt(0x300)
                        : OFFSETS[random.nextInt(OFFSETS.length)], random.nextBoolean() ? 4 : 8, word(random));
            case 3:
                return new Operation.ReadRegister(OFFSETS[random.nextInt(OFFSETS.length)], 8);
            case 4:
                return new Operation.DmaRequest(source, address(random),
                        random.nextBoolean() ? Access.READ : Access.WRITE);
            case 5:
                return new Operation.InterruptRequest(source, 0xFEE0_0000L | random.nextInt(0x10_0000),
                        random.nextInt());
            case 6:
                Set<ListenerFlag> flags = EnumSet.noneOf(ListenerFlag.class);
                for (ListenerFlag flag : ListenerFlag.values()) {
                    if (random.nextBoolean()) {
                        flags.add(flag);
                    }
                }
                long first = random.nextBoolean() ? 0 : address(random);
                return new Operation.RegisterListener(listener, source, first,
                        random.nextBoolean() ? -1L : first + random.nextInt(1 << 24), flags);
            case 7:
                return new Operation.Replay(listener);
            default:
                return new Operation.UnregisterListener(listener);
        }
    }

    /** Small addresses where tables live, sometimes anything. */
    private static long address(Random random) {
        switch (random.nextInt(4)) {
            case 0:
                return random.nextLong();
            case 1:
                return 0xFEC0_0000L + random.nextInt(0x40_0000);
            default:
                return (long) random.nextInt(16) << 12 | random.nextInt(0x200) << 3;
        }
    }

    private static long word(Random random) {
        switch (random.nextInt(4)) {
            case 0:
                return random.nextLong();
            case 1:
                return (long) random.nextInt(16) << 12 | random.nextInt(4) | (random.nextBoolean() ? 0x80 : 0);
            case 2:
                return random.nextInt(1 << 16) | (long) random.nextInt(16) << 32;
            default:
                return random.nextInt(64);
        }
    }
}
