package io.vtdoracle.model.roottable;

/** Masks derived from an address width (the host address width of table pointers, §9). */
public final class AddressWidth {

    private AddressWidth() {
    }

    /** The bits at and above {@code width} (0 ≤ width ≤ 63): addresses with any of them set are beyond it. */
    public static long beyond(int width) {
        return -1L << width;
    }

    /** The bits below {@code width} (0 ≤ width ≤ 63). */
    public static long below(int width) {
        return ~beyond(width);
    }
}
