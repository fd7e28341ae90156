package io.vtdoracle.model.registers;

import io.vtdoracle.api.Capabilities;

/**
 * The remapping registers (§10.4) and what the unit latched from them. SKELETON: the registers chapter owns this
 * record and may add components; other chapters use only the accessor methods below.
 *
 * @param globalStatus     GSTS (§10.4.5)
 * @param rootTableAddress the root table address latched by the last SRTP (§10.4.6)
 * @param irtAddress       the interrupt remapping table address register latched by the last SIRTP (§10.4.29)
 */
public record RegisterFile(int globalStatus, long rootTableAddress, long irtAddress) {

    public static RegisterFile powerOn(Capabilities capabilities) {
        return new RegisterFile(0, 0, 0);
    }

    /** GSTS.TES: DMA remapping is enabled. */
    public boolean translationEnabled() {
        return (globalStatus & (1 << 31)) != 0;
    }

    /** GSTS.IRES: interrupt remapping is enabled. */
    public boolean interruptRemappingEnabled() {
        return (globalStatus & (1 << 25)) != 0;
    }

    /** GSTS.CFIS: compatibility-format interrupts pass through. */
    public boolean compatibilityFormatEnabled() {
        return (globalStatus & (1 << 23)) != 0;
    }

    /** The latched interrupt remapping table's base address. */
    public long irtBase() {
        return irtAddress & ~0xFFFL;
    }

    /** The latched interrupt remapping table's number of entries, 2^(S+1). */
    public long irtEntries() {
        return 1L << ((irtAddress & 0xF) + 1);
    }

    /** The latched IRTA.EIME: x2APIC destinations. */
    public boolean extendedInterruptMode() {
        return (irtAddress & (1 << 11)) != 0;
    }
}
