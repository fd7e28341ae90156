package io.vtdoracle.model.registers;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.model.invalidation.InvalidationRegisters;

/**
 * The remapping registers (§10.4) and what the unit latched from them. Other chapters use only the accessor
 * methods; the fault chapter's registers live in {@link io.vtdoracle.model.fault.FaultState}.
 *
 * @param globalStatus             GSTS (§10.4.5)
 * @param rootTableAddress         the root table address latched by the last SRTP (§10.4.6), bits 63:12, with
 *                                 TTM (11:10) when the unit supports scalable mode
 * @param irtAddress               the interrupt remapping table address register latched by the last SIRTP
 *                                 (§10.4.29)
 * @param rootTableAddressRegister RTADDR_REG as software wrote it (RTA 63:12)
 * @param irtAddressRegister       IRTA_REG as software wrote it (IRTA 63:12, EIME 11, S 3:0)
 * @param invalidation             CCMD, IVA, IOTLB_REG, IQH, IQT, IQA
 */
public record RegisterFile(int globalStatus, long rootTableAddress, long irtAddress, long rootTableAddressRegister,
                           long irtAddressRegister, InvalidationRegisters invalidation) {

    /** GSTS bits (§10.4.5). */
    public static final int TES = 1 << 31;
    public static final int RTPS = 1 << 30;
    public static final int QIES = 1 << 26;
    public static final int IRES = 1 << 25;
    public static final int IRTPS = 1 << 24;
    public static final int CFIS = 1 << 23;

    public static RegisterFile powerOn(Capabilities capabilities) {
        return new RegisterFile(0, 0, 0, 0, 0, InvalidationRegisters.POWER_ON);
    }

    /** §10.4.6: the latched TTM: 00b legacy mode, 01b scalable mode, 10b and 11b reserved here. */
    public int translationTableMode() {
        return (int) (rootTableAddress >>> 10) & 3;
    }

    /** GSTS.TES: DMA remapping is enabled. */
    public boolean translationEnabled() {
        return (globalStatus & TES) != 0;
    }

    /** GSTS.IRES: interrupt remapping is enabled. */
    public boolean interruptRemappingEnabled() {
        return (globalStatus & IRES) != 0;
    }

    /** GSTS.CFIS: compatibility-format interrupts pass through. */
    public boolean compatibilityFormatEnabled() {
        return (globalStatus & CFIS) != 0;
    }

    /** GSTS.QIES: queued invalidation is enabled. */
    public boolean queuedInvalidationEnabled() {
        return (globalStatus & QIES) != 0;
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

    /** GSTS with {@code bits} set or cleared. */
    public RegisterFile withStatus(int bits, boolean set) {
        return withGlobalStatus(set ? globalStatus | bits : globalStatus & ~bits);
    }

    public RegisterFile withGlobalStatus(int value) {
        return new RegisterFile(value, rootTableAddress, irtAddress, rootTableAddressRegister, irtAddressRegister,
                invalidation);
    }

    public RegisterFile withRootTableAddress(long value) {
        return new RegisterFile(globalStatus, value, irtAddress, rootTableAddressRegister, irtAddressRegister,
                invalidation);
    }

    public RegisterFile withIrtAddress(long value) {
        return new RegisterFile(globalStatus, rootTableAddress, value, rootTableAddressRegister, irtAddressRegister,
                invalidation);
    }

    public RegisterFile withRootTableAddressRegister(long value) {
        return new RegisterFile(globalStatus, rootTableAddress, irtAddress, value, irtAddressRegister,
                invalidation);
    }

    public RegisterFile withIrtAddressRegister(long value) {
        return new RegisterFile(globalStatus, rootTableAddress, irtAddress, rootTableAddressRegister, value,
                invalidation);
    }

    public RegisterFile withInvalidation(InvalidationRegisters value) {
        return new RegisterFile(globalStatus, rootTableAddress, irtAddress, rootTableAddressRegister,
                irtAddressRegister, value);
    }
}
