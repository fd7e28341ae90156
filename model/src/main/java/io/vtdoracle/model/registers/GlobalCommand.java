package io.vtdoracle.model.registers;

import io.vtdoracle.model.Transition;
import io.vtdoracle.model.UnitState;
import io.vtdoracle.model.invalidation.QueuedInvalidation;
import io.vtdoracle.model.notifier.ListenerSync;

/**
 * A write of GCMD (§10.4.4, contract §2.1). The bits act in the order SRTP, SIRTP, QIE, IRE, CFI, TE. SRTP and
 * SIRTP are one-shot: they act on every write of 1. The others are persistent: they act when the written bit
 * differs from its status bit in GSTS. SFL, EAFL, WBF and the reserved bits are ignored.
 */
final class GlobalCommand {

    static final int OFFSET = 0x18;

    private static final int TE = 1 << 31;
    private static final int SRTP = 1 << 30;
    private static final int QIE = 1 << 26;
    private static final int IRE = 1 << 25;
    private static final int SIRTP = 1 << 24;
    private static final int CFI = 1 << 23;

    private GlobalCommand() {
    }

    static Transition write(UnitState state, int command) {
        return Transition.of(state)
                .then(s -> setRootTablePointer(s, command))
                .then(s -> setInterruptRemapTablePointer(s, command))
                .then(s -> queuedInvalidationEnable(s, command))
                .then(s -> follow(s, command, IRE, RegisterFile.IRES, s.capabilities().interruptRemapping()))
                .then(s -> follow(s, command, CFI, RegisterFile.CFIS, s.capabilities().interruptRemapping()))
                .then(s -> translationEnable(s, command));
    }

    /**
     * SRTP: latch RTADDR.RTA as the root table address, and with ECAP.SMTS its TTM (§10.4.6; a legacy-only unit
     * ignores TTM); RTPS is set and stays set.
     */
    private static Transition setRootTablePointer(UnitState state, int command) {
        if ((command & SRTP) == 0) {
            return Transition.of(state);
        }
        RegisterFile registers = state.registers();
        long latched = state.capabilities().scalableMode().supported() ? ~0x3FFL : ~0xFFFL;
        return Transition.of(state.withRegisters(registers
                .withRootTableAddress(registers.rootTableAddressRegister() & latched)
                .withStatus(RegisterFile.RTPS, true)));
    }

    /** SIRTP (with ECAP.IR): latch IRTA (address, EIME, S); IRTPS is set and stays set. */
    private static Transition setInterruptRemapTablePointer(UnitState state, int command) {
        if ((command & SIRTP) == 0 || !state.capabilities().interruptRemapping()) {
            return Transition.of(state);
        }
        RegisterFile registers = state.registers();
        return Transition.of(state.withRegisters(registers
                .withIrtAddress(registers.irtAddressRegister())
                .withStatus(RegisterFile.IRTPS, true)));
    }

    /** QIE: enabling sets QIES and processes the queue; disabling is honoured only with an empty queue. */
    private static Transition queuedInvalidationEnable(UnitState state, int command) {
        boolean enable = (command & QIE) != 0;
        if (enable == state.registers().queuedInvalidationEnabled()) {
            return Transition.of(state);
        }
        return enable ? QueuedInvalidation.enable(state) : QueuedInvalidation.disable(state);
    }

    /** TE: TES follows. Caches are not flushed; listeners of every device switch view (contract §7.5). */
    private static Transition translationEnable(UnitState state, int command) {
        boolean enable = (command & TE) != 0;
        if (enable == state.registers().translationEnabled()) {
            return Transition.of(state);
        }
        return ListenerSync.afterTranslationEnableChange(
                state.withRegisters(state.registers().withStatus(RegisterFile.TES, enable)));
    }

    /** A persistent command bit whose status bit simply follows it (IRE → IRES, CFI → CFIS). */
    private static Transition follow(UnitState state, int command, int commandBit, int statusBit,
                                     boolean supported) {
        if (!supported) {
            return Transition.of(state);
        }
        return Transition.of(state.withRegisters(state.registers().withStatus(statusBit, (command & commandBit) != 0)));
    }
}
