package io.vtdoracle.properties.command;

import io.vtdoracle.guest.Registers;

/**
 * A driver writes CCMD, or IOTLB_REG, with its fields set but ICC (IVT) clear: nothing is requested, so the unit
 * invalidates nothing and CAIG (IAIG) keeps the granularity of the last invalidation performed (§10.4.7, §10.4.8).
 * The driver reads the register back.
 */
public record UnrequestedInvalidation(boolean iotlb, long command) implements Command {

    private static final long GO = 1L << 63;

    @Override
    public void issue(GuestView view) {
        view.driver().writeRegister(iotlb ? Registers.IOTLB : Registers.CCMD, 8, command & ~GO);
    }

    @Override
    public String toString() {
        return String.format("%s = 0x%x (%s clear)", iotlb ? "iotlb_reg" : "ccmd", command & ~GO,
                iotlb ? "IVT" : "ICC");
    }
}
