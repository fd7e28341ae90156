package io.vtdoracle.api;

/**
 * A requester's source-id: the 16-bit PCI bus:device.function of a DMA or interrupt request
 * (VT-d specification §3.4.1, "source-id").
 *
 * @param value bus in bits 15:8, device in bits 7:3, function in bits 2:0
 */
public record SourceId(int value) implements Comparable<SourceId> {

    public SourceId {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("source-id must fit 16 bits: 0x" + Integer.toHexString(value));
        }
    }

    /** The source-id of bus:device.function. */
    public static SourceId of(int bus, int device, int function) {
        if (bus < 0 || bus > 0xFF || device < 0 || device > 0x1F || function < 0 || function > 7) {
            throw new IllegalArgumentException("not a PCI bus:device.function: " + bus + ":" + device + "." + function);
        }
        return new SourceId(bus << 8 | device << 3 | function);
    }

    public int bus() {
        return value >>> 8;
    }

    /** The device and function together (the index into a context table). */
    public int devfn() {
        return value & 0xFF;
    }

    public int device() {
        return (value >>> 3) & 0x1F;
    }

    public int function() {
        return value & 7;
    }

    @Override
    public int compareTo(SourceId other) {
        return Integer.compare(value, other.value);
    }

    @Override
    public String toString() {
        return String.format("%02x:%02x.%x", bus(), device(), function());
    }
}
