package io.vtdoracle.protocol;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.ListenerFlag;
import io.vtdoracle.api.ListenerId;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.SourceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A guest that programs one device's 3-level tables (16 mapped 4K pages from IOVA 0), turns translation on,
 * registers a listener and replays it, then issues random DMA (in and out of the mapping), interrupt requests and
 * register reads: a realistic mix of translations, faults and fault records.
 */
final class GuestScript {

    static final SourceId DEVICE = SourceId.of(0, 2, 0);

    private GuestScript() {
    }

    static List<Operation> operations(long seed, int requests) {
        List<Operation> ops = new ArrayList<>();
        ops.add(new Operation.WriteMemory(0x10000, 0x11000 | 1)); // root entry of bus 0
        ops.add(new Operation.WriteMemory(0x11000 + DEVICE.devfn() * 16L, 0x12000 | 1)); // context: SLPTPTR, P
        ops.add(new Operation.WriteMemory(0x11000 + DEVICE.devfn() * 16L + 8, 1 | 1 << 8)); // AW 39-bit, DID 1
        ops.add(new Operation.WriteMemory(0x12000, 0x13000 | 3));
        ops.add(new Operation.WriteMemory(0x13000, 0x14000 | 3));
        for (int i = 0; i < 16; i++) {
            ops.add(new Operation.WriteMemory(0x14000 + i * 8L, (0x100000 + i * 0x1000L) | (i % 3 + 1)));
        }
        ops.add(new Operation.WriteRegister(0x20, 8, 0x10000));
        ops.add(new Operation.WriteRegister(0x18, 4, 1L << 30));
        ops.add(new Operation.WriteRegister(0x18, 4, 1L << 31));
        ops.add(new Operation.ReadRegister(0x1c, 4));
        ops.add(new Operation.RegisterListener(new ListenerId(1), DEVICE, 0, 0xffff_ffffL,
                Set.of(ListenerFlag.MAP, ListenerFlag.UNMAP)));
        ops.add(new Operation.Replay(new ListenerId(1)));
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < requests; i++) {
            long address = random.nextInt(20) * 0x1000L + random.nextInt(0x1000);
            switch (random.nextInt(4)) {
                case 0 -> ops.add(new Operation.DmaRequest(DEVICE, address, Access.READ));
                case 1 -> ops.add(new Operation.DmaRequest(DEVICE, address, Access.WRITE));
                case 2 -> ops.add(new Operation.InterruptRequest(DEVICE, 0xfee0_0000L | random.nextInt(16) << 4,
                        random.nextInt(256)));
                default -> ops.add(new Operation.ReadRegister(0x34, 4));
            }
        }
        return ops;
    }
}
