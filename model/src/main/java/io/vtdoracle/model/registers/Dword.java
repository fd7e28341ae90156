package io.vtdoracle.model.registers;

/** The dword halves of 64-bit registers: a 4-byte access reaches the low (offset 0) or high (offset 4) half. */
public final class Dword {

    private Dword() {
    }

    /** The half of {@code register} at {@code offset} (bit 2 of the offset selects the high half). */
    public static int read(long register, int offset) {
        return (int) (register >>> shift(offset));
    }

    /** {@code register} after writing {@code value} to the half at {@code offset}, changing only writable bits. */
    public static long write(long register, int offset, int value, long writable) {
        long mask = 0xFFFF_FFFFL << shift(offset) & writable;
        return register & ~mask | (value & 0xFFFF_FFFFL) << shift(offset) & mask;
    }

    private static int shift(int offset) {
        return (offset & 4) * 8;
    }
}
