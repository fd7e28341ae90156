package io.vtdoracle.model.invalidation;

import io.vavr.collection.List;
import io.vavr.control.Option;
import io.vtdoracle.model.Transition;
import io.vtdoracle.model.UnitState;
import io.vtdoracle.model.registers.Dword;

/** Software's dword reads and writes of CCMD, IVA, IOTLB_REG, IQH, IQT and IQA (§10.4.7, §10.4.8, §10.4.20 – 22). */
public final class InvalidationRegisterAccess {

    private InvalidationRegisterAccess() {
    }

    /** The value of the dword at {@code offset}, if it belongs to these registers. */
    public static Option<Integer> read(InvalidationRegisters registers, int offset) {
        return register(registers, offset & ~7).map(value -> Dword.read(value, offset));
    }

    /**
     * The effects allowed for writing the dword at {@code offset}, if it belongs to these registers: one, except
     * for a context-cache command, which the unit may perform at a coarser granularity.
     */
    public static Option<List<Transition>> write(UnitState state, int offset, int value) {
        InvalidationRegisters registers = state.registers().invalidation();
        if ((offset & ~7) == InvalidationRegisters.CCMD) {
            UnitState written = with(state, registers.withContextCommand(Dword.write(
                    registers.contextCommand(), offset, value, InvalidationRegisters.CCMD_WRITABLE)));
            // §10.4.7: writing the upper dword with ICC = 1 requests the invalidation.
            return Option.some(offset % 8 == 4 ? RegisterInvalidation.contextCommand(written)
                    : List.of(Transition.of(written)));
        }
        return writeOther(state, offset, value).map(List::of);
    }

    private static Option<Transition> writeOther(UnitState state, int offset, int value) {
        InvalidationRegisters registers = state.registers().invalidation();
        switch (offset & ~7) {
            case InvalidationRegisters.IVA:
                return Option.some(Transition.of(with(state, registers.withInvalidateAddress(Dword.write(
                        registers.invalidateAddress(), offset, value, InvalidationRegisters.IVA_WRITABLE)))));
            case InvalidationRegisters.IOTLB: {
                UnitState written = with(state, registers.withIotlbCommand(Dword.write(
                        registers.iotlbCommand(), offset, value, InvalidationRegisters.IOTLB_WRITABLE)));
                // §10.4.8: writing the upper dword with IVT = 1 requests the invalidation.
                return Option.some(offset % 8 == 4 ? RegisterInvalidation.iotlbCommand(written)
                        : Transition.of(written));
            }
            case InvalidationRegisters.IQH:
                return Option.some(Transition.of(state));
            case InvalidationRegisters.IQT:
                // §6.5.2: software moving the tail makes the unit process the queue.
                return Option.some(QueuedInvalidation.process(with(state, registers.withQueueTail(Dword.write(
                        registers.queueTail(), offset, value, InvalidationRegisters.IQT_WRITABLE)))));
            case InvalidationRegisters.IQA:
                return Option.some(Transition.of(with(state, registers.withQueueAddress(Dword.write(
                        registers.queueAddress(), offset, value, InvalidationRegisters.queueAddressWritable(
                                state.capabilities().scalableMode().supported()))))));
            default:
                return Option.none();
        }
    }

    /**
     * Ambiguity A4: the state after a register-based command that {@code rejected} refused while queued
     * invalidation was enabled, read as left pending instead: ICC (CCMD) or IVT (IOTLB_REG) stays set and CAIG or
     * IAIG keep what they held {@code before}; nothing is invalidated.
     */
    public static UnitState leftPending(UnitState before, UnitState rejected, int register) {
        InvalidationRegisters was = before.registers().invalidation();
        InvalidationRegisters now = rejected.registers().invalidation();
        if (register == InvalidationRegisters.CCMD) {
            long caig = 3L << 59;
            return with(rejected, now.withContextCommand(
                    now.contextCommand() & ~caig | 1L << 63 | was.contextCommand() & caig));
        }
        long iaig = 3L << 57;
        return with(rejected, now.withIotlbCommand(now.iotlbCommand() & ~iaig | 1L << 63 | was.iotlbCommand() & iaig));
    }

    private static Option<Long> register(InvalidationRegisters registers, int offset) {
        switch (offset) {
            case InvalidationRegisters.CCMD:
                return Option.some(registers.contextCommand());
            case InvalidationRegisters.IVA:
                return Option.some(registers.invalidateAddress());
            case InvalidationRegisters.IOTLB:
                return Option.some(registers.iotlbCommand());
            case InvalidationRegisters.IQH:
                return Option.some(registers.queueHeadRegister());
            case InvalidationRegisters.IQT:
                return Option.some(registers.queueTail());
            case InvalidationRegisters.IQA:
                return Option.some(registers.queueAddress());
            default:
                return Option.none();
        }
    }

    private static UnitState with(UnitState state, InvalidationRegisters registers) {
        return state.withRegisters(state.registers().withInvalidation(registers));
    }
}
