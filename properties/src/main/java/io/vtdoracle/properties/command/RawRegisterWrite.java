package io.vtdoracle.properties.command;

import io.vtdoracle.api.Operation;

/** Adversarial: any register write, of any size and alignment. */
public record RawRegisterWrite(int offset, int size, long value) implements Command {

    /** Registers whose writes change what the view believes (GCMD, RTADDR, CCMD, IQT, IQA, IRTA, IVA, IOTLB). */
    private static final int[][] SENSITIVE = {{0x18, 0x1C}, {0x20, 0x30}, {0x88, 0x98}, {0xB8, 0xC0}, {0xF0, 0x100}};

    @Override
    public void issue(GuestView view) {
        for (int[] range : SENSITIVE) {
            if (offset < range[1] && offset + size > range[0]) {
                view.taintRegisters();
            }
        }
        view.emit(new Operation.WriteRegister(offset, size, value));
    }

    @Override
    public String toString() {
        return String.format("raw reg%d[0x%x] = 0x%x", size * 8, offset, value);
    }
}
