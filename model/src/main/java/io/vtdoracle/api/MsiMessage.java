package io.vtdoracle.api;

/**
 * An interrupt message as it travels on the bus: a 64-bit address (its low dword in the 0xFEEx_xxxx window for
 * x86, the upper dword carrying an extended destination where used) and 32-bit data.
 */
public record MsiMessage(long address, int data) {

    @Override
    public String toString() {
        return String.format("MSI(addr 0x%x, data 0x%x)", address, data);
    }
}
