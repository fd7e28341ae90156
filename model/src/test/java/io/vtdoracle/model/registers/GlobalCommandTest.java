package io.vtdoracle.model.registers;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Operation;
import io.vtdoracle.model.ReferenceModel;
import io.vtdoracle.model.UnitState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** §10.4.4: what SRTP and SIRTP latch (not visible through registers). */
class GlobalCommandTest {

    private static UnitState apply(UnitState state, Operation... operations) {
        UnitState current = state;
        for (Operation operation : operations) {
            current = ReferenceModel.step(current, operation).canonical().next();
        }
        return current;
    }

    @Test
    void srtpLatchesRtaddrOnEveryWriteOfOne() {
        UnitState state = apply(ReferenceModel.powerOn(Capabilities.DEFAULT),
                new Operation.WriteRegister(0x20, 8, 0x12_3FFFL),
                new Operation.WriteRegister(0x18, 4, 1L << 30));
        assertThat(state.registers().rootTableAddress()).isEqualTo(0x12_3000L);
        state = apply(state, new Operation.WriteRegister(0x20, 8, 0x45_6000L));
        assertThat(state.registers().rootTableAddress()).isEqualTo(0x12_3000L);
        state = apply(state, new Operation.WriteRegister(0x18, 4, 1L << 30));
        assertThat(state.registers().rootTableAddress()).isEqualTo(0x45_6000L);
    }

    @Test
    void sirtpLatchesIrta() {
        UnitState state = apply(ReferenceModel.powerOn(Capabilities.DEFAULT.withExtendedInterruptMode(true)),
                new Operation.WriteRegister(0xB8, 8, 0x7_8000L | 1 << 11 | 0xF),
                new Operation.WriteRegister(0x18, 4, 1L << 24),
                new Operation.WriteRegister(0xB8, 8, 0));
        assertThat(state.registers().irtBase()).isEqualTo(0x7_8000L);
        assertThat(state.registers().irtEntries()).isEqualTo(1L << 16);
        assertThat(state.registers().extendedInterruptMode()).isTrue();
    }
}
