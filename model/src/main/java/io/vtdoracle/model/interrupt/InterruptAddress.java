package io.vtdoracle.model.interrupt;

/**
 * The address of an interrupt request, 0xFEEx_xxxx (§5.1.2): in compatibility format (bit 4 = 0) or in
 * remappable format, naming an interrupt-remapping table entry through its handle and sub-handle valid bit.
 *
 * @param value the request's address
 */
public record InterruptAddress(long value) {

    /** §5.1.2.2: bit 4, Interrupt Format: 1 remappable, 0 compatibility. */
    public boolean remappable() {
        return (value & (1 << 4)) != 0;
    }

    /** §5.1.2.2: SHV (bit 3): the data's low 16 bits are a sub-handle added to the handle. */
    public boolean subhandleValid() {
        return (value & (1 << 3)) != 0;
    }

    /** §5.1.2.2: the 16-bit handle: HANDLE[14:0] in address bits 19:5, HANDLE[15] in bit 2. */
    public int handle() {
        return (int) ((value >>> 5) & 0x7FFF) | (int) ((value >>> 2) & 1) << 15;
    }
}
