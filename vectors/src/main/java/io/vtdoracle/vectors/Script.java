package io.vtdoracle.vectors;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.ListenerFlag;
import io.vtdoracle.api.ListenerId;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.guest.GuestDriver;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a scenario does, in order: set-up through a {@link GuestDriver} (programming the unit as Linux does) and
 * probes, the operations whose outcomes the scenario is about. Every operation becomes a step of the vector; a
 * probe's step is marked so (its sections are the vector's).
 */
public final class Script {

    /** Where the driver allocates its tables (above the first MiB). */
    public static final long ARENA = 0x10_0000L;

    /** One operation of the script. */
    public record Entry(Operation operation, boolean probe) {
    }

    private final GuestDriver driver;
    private final List<Entry> entries = new ArrayList<>();

    Script(Capabilities capabilities) {
        this.driver = new GuestDriver(capabilities, ARENA);
    }

    /** The guest driver; what it issues is set-up, taken in order before the next probe. */
    public GuestDriver driver() {
        return driver;
    }

    /** Takes the driver's pending operations as set-up steps. */
    public Script settle() {
        driver.drain().forEach(operation -> entries.add(new Entry(operation, false)));
        return this;
    }

    /** The driver's pending operations, then {@code operation}, as probes (what the scenario checks). */
    public Script probeAll() {
        driver.drain().forEach(operation -> entries.add(new Entry(operation, true)));
        return this;
    }

    /** After the pending set-up, {@code operation} as a probe. */
    public Script probe(Operation operation) {
        settle();
        entries.add(new Entry(operation, true));
        return this;
    }

    /** After the pending set-up, {@code operation} as set-up. */
    public Script setup(Operation operation) {
        settle();
        entries.add(new Entry(operation, false));
        return this;
    }

    public Script dma(SourceId source, long address, Access access) {
        return probe(new Operation.DmaRequest(source, address, access));
    }

    public Script irq(SourceId source, long address, int data) {
        return probe(new Operation.InterruptRequest(source, address, data));
    }

    public Script read32(int offset) {
        return probe(new Operation.ReadRegister(offset, 4));
    }

    public Script read64(int offset) {
        return probe(new Operation.ReadRegister(offset, 8));
    }

    public Script write32(int offset, long value) {
        return probe(new Operation.WriteRegister(offset, 4, value));
    }

    public Script write64(int offset, long value) {
        return probe(new Operation.WriteRegister(offset, 8, value));
    }

    public Script readMemory(long address) {
        return probe(new Operation.ReadMemory(address));
    }

    /** The VMM registers a VFIO listener (MAP and UNMAP) on {@code source} for IOVAs {@code first..last}. */
    public Script listen(ListenerId listener, SourceId source, long first, long last) {
        return probe(new Operation.RegisterListener(listener, source, first, last,
                Set.of(ListenerFlag.MAP, ListenerFlag.UNMAP)));
    }

    public Script replay(ListenerId listener) {
        return probe(new Operation.Replay(listener));
    }

    List<Entry> entries() {
        settle();
        return List.copyOf(entries);
    }
}
