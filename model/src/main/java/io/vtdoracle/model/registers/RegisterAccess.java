package io.vtdoracle.model.registers;

import io.vavr.collection.List;
import io.vavr.control.Option;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Result;
import io.vtdoracle.model.Alternative;
import io.vtdoracle.model.Transition;
import io.vtdoracle.model.UnitState;
import io.vtdoracle.model.fault.FaultRegisters;
import io.vtdoracle.model.invalidation.InvalidationRegisterAccess;

/**
 * Guest reads and writes of the register block (§10.4, contract §2). Accesses are 4 or 8 bytes, naturally
 * aligned, inside the block; an 8-byte access is two dword accesses, low dword first. Offsets without a
 * register read 0 and ignore writes.
 */
public final class RegisterAccess {

    private static final int VER = 0x00;
    private static final int CAP = 0x08;
    private static final int ECAP = 0x10;
    private static final int GSTS = 0x1C;
    private static final int RTADDR = 0x20;
    private static final int IRTA = 0xB8;

    /** RTA (63:12) and TTM (11:10, §10.4.6); the root table is latched from RTA alone. */
    private static final long RTADDR_WRITABLE = ~0x3FFL;
    /** IRTA, EIME (11), S (3:0); EIME only with ECAP.EIM. */
    private static final long IRTA_WRITABLE = ~0xFFFL | 0xF;
    private static final long IRTA_EIME = 1L << 11;

    private RegisterAccess() {
    }

    public static List<Alternative> write(UnitState state, Operation.WriteRegister write) {
        if (!valid(state.capabilities(), write.offset(), write.size())) {
            return List.of(ignored(state));
        }
        int offset = write.offset();
        long value = write.value();
        List<Transition> written = write.size() == 4
                ? writeDword(state, offset, (int) value)
                : writeDword(state, offset, (int) value).flatMap(low -> writeDword(low.state(), offset + 4,
                        (int) (value >>> 32)).map(high -> new Transition(high.state(),
                        low.events().appendAll(high.events()))));
        return written.map(done -> new Alternative(new Outcome(Result.DONE, done.events().asJava()), done.state()));
    }

    public static List<Alternative> read(UnitState state, Operation.ReadRegister read) {
        if (!valid(state.capabilities(), read.offset(), read.size())) {
            return List.of(ignored(state));
        }
        int offset = read.offset();
        long low = readDword(state, offset) & 0xFFFF_FFFFL;
        long value = read.size() == 4 ? low : low | (long) readDword(state, offset + 4) << 32;
        return List.of(new Alternative(Outcome.of(new Result.Value(value)), state));
    }

    /** Contract §2: 4 or 8 bytes, naturally aligned, within {@code 0 .. 0x220 + 16·n}. */
    private static boolean valid(Capabilities capabilities, int offset, int size) {
        long end = FaultRegisters.FRCD + 16L * capabilities.faultRecordingRegisters();
        return (size == 4 || size == 8) && offset >= 0 && offset % size == 0 && (long) offset + size <= end;
    }

    private static int readDword(UnitState state, int offset) {
        return FaultRegisters.read(state.faults(), offset)
                .orElse(() -> InvalidationRegisterAccess.read(state.registers().invalidation(), offset))
                .orElse(() -> controlRegister(state, offset))
                .getOrElse(0);
    }

    /** The effects allowed for a dword write (several where the unit may choose, e.g. CAIG). */
    private static List<Transition> writeDword(UnitState state, int offset, int value) {
        return FaultRegisters.write(state, offset, value).map(List::of)
                .orElse(() -> InvalidationRegisterAccess.write(state, offset, value))
                .getOrElse(() -> List.of(writeControlRegister(state, offset, value)));
    }

    /** VER, CAP, ECAP, GCMD (write-only: reads 0), GSTS, RTADDR, IRTA. */
    private static Option<Integer> controlRegister(UnitState state, int offset) {
        RegisterFile registers = state.registers();
        switch (offset & ~7) {
            case VER:
                return Option.some(offset == VER ? CapabilityRegisters.VERSION : 0);
            case CAP:
                return Option.some(Dword.read(CapabilityRegisters.capability(state.capabilities()), offset));
            case ECAP:
                return Option.some(Dword.read(CapabilityRegisters.extendedCapability(state.capabilities()), offset));
            case GlobalCommand.OFFSET:
                return Option.some(offset == GSTS ? registers.globalStatus() : 0);
            case RTADDR:
                return Option.some(Dword.read(registers.rootTableAddressRegister(), offset));
            case IRTA:
                return Option.some(Dword.read(registers.irtAddressRegister(), offset));
            default:
                return Option.none();
        }
    }

    /** GCMD acts (§2.1); RTADDR and IRTA store their writable bits; everything else here is read-only. */
    private static Transition writeControlRegister(UnitState state, int offset, int value) {
        RegisterFile registers = state.registers();
        if (offset == GlobalCommand.OFFSET) {
            return GlobalCommand.write(state, value);
        } else if ((offset & ~7) == RTADDR) {
            return Transition.of(state.withRegisters(registers.withRootTableAddressRegister(
                    Dword.write(registers.rootTableAddressRegister(), offset, value, RTADDR_WRITABLE))));
        } else if ((offset & ~7) == IRTA) {
            long writable = state.capabilities().extendedInterruptMode() ? IRTA_WRITABLE | IRTA_EIME : IRTA_WRITABLE;
            return Transition.of(state.withRegisters(registers.withIrtAddressRegister(
                    Dword.write(registers.irtAddressRegister(), offset, value, writable))));
        }
        return Transition.of(state);
    }

    private static Alternative ignored(UnitState state) {
        return new Alternative(Outcome.of(new Result.Ignored(Result.IgnoreReason.BAD_REGISTER_ACCESS)), state);
    }
}
