package io.vtdoracle.qemu;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Event;
import io.vtdoracle.api.FaultReason;
import io.vtdoracle.api.MsiMessage;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.api.Result;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.qemu.Observation.Hidden;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A running QEMU ({@code -machine q35 -device intel-iommu,<options> -device edu}) seen as a {@link RemappingUnit}
 * whose capabilities are the ones the device reports ({@link #capabilities()}). Guest memory and registers are accessed through qtest; DMA and interrupt requests are
 * made by the edu device (source-id 00:04.0). See docs/qemu-conformance.md for how each operation is observed.
 *
 * <p>Every action the adapter takes besides the operation itself is invisible to the unit's state: register and
 * memory reads (pure in QEMU and in the model), edu's own registers and PCI configuration, and the restoring of
 * the one byte a DMA write changed (the model does not move DMA data, so the adapter puts the byte back).
 *
 * <p>{@link #apply} returns a partial outcome (placeholders where {@link #observe} says {@link Hidden}); it throws
 * {@link UnobservableOperationException} for operations QEMU cannot show and {@link QemuDiedException} when QEMU
 * died. {@link #observe} never throws for QEMU dying: it returns an observation with the death.
 */
public final class QemuUnit implements RemappingUnit, AutoCloseable {


    /** The edu device's requester id. */
    public static final SourceId EDU = SourceId.of(0, 4, 0);

    static final long REGISTER_BASE = 0xFED9_0000L;
    static final long MEMORY_BYTES = 256L << 20;
    /** Where the edu BAR0 is placed (inside q35's PCI hole). */
    static final long EDU_BAR = 0xE000_0000L;
    private static final long EDU_BUFFER = 0x40000;
    private static final long EDU_READ_SLOT = EDU_BUFFER + 0x800;
    private static final int MARKERS = 255;
    /** FEDATA's value before a reset (vector 0x30, fixed delivery: sends nothing anywhere); reset clears it. */
    private static final int RESET_MARKER = 0x30;
    private static final long EDU_DMA_MASK = (1L << 28) - 1;
    /** The slot the hand-written scenarios put edu in (00:04.0). */
    public static final int EDU_SLOT = 4;
    private static final int MSI_CAP = 0x40;
    /** Legacy region of q35 (VGA/SMRAM window, PAM-controlled BIOS shadow): not plain RAM for every path. */
    private static final long LEGACY_FIRST = 0xA0000;
    private static final long LEGACY_END = 0x100000;

    private final SourceId edu;
    private final int eduConfig;
    private final Pattern translatePattern;
    private final Pattern dmarFaultPattern;
    private static final Pattern WAIT_SW = Pattern.compile(
            "vtd_inv_desc_wait_sw .*addr 0x([0-9a-f]+) data 0x([0-9a-f]+)");
    private static final Pattern ROOT_LATCHED = Pattern.compile("vtd_reg_dmar_root addr 0x[0-9a-f]+ scalable (\\d)");
    private static final Pattern IRQ = Pattern.compile("vtd_irq_generate addr 0x([0-9a-f]+) data 0x([0-9a-f]+)");
    private static final Pattern REMAP_MSI = Pattern.compile(
            "vtd_ir_remap_msi \\(addr 0x([0-9a-f]+), data 0x([0-9a-f]+)\\) -> \\(addr 0x([0-9a-f]+), data 0x([0-9a-f]+)\\)");

    private final QemuSetup setup;
    private final Capabilities capabilities;
    private final QtestProcess qemu;
    private final Map<Long, Long> memory = new HashMap<>();
    /** Pages of guest RAM the guest or the unit wrote: zeroed again by {@link #reset()}. */
    private final Set<Long> dirtyPages = new HashSet<>();
    private int dmaCount;
    private boolean msiEnabled;
    /** Whether QEMU's last SRTP latched scalable-mode tables (its trace: vtd_reg_dmar_root ... scalable 1). */
    private boolean scalableLatched;

    /** Starts {@code setup}'s QEMU with edu at 00:04.0 (the hand-written scenarios' slot). */
    public QemuUnit(QemuSetup setup) {
        this(setup, EDU_SLOT);
    }

    /**
     * Starts {@code setup}'s QEMU with edu at 00:{@code eduSlot}.0 (the random campaign puts it at 00:02.0, the
     * first device of the generators' universe) and reads the capabilities the device reports.
     *
     * @throws IllegalArgumentException when the device reports capabilities the model does not cover (scalable
     *                                  mode, for one); the message names them
     */
    public QemuUnit(QemuSetup setup, int eduSlot) {
        this(setup, eduSlot, QtestTap.NONE);
    }

    /** The same, the qtest conversation shown to {@code tap} from QEMU's start on (reproducers). */
    QemuUnit(QemuSetup setup, int eduSlot, QtestTap tap) {
        if (eduSlot < 1 || eduSlot > 0x1e) {
            throw new IllegalArgumentException("edu slot must be 1..0x1e: " + eduSlot);
        }
        this.setup = setup;
        edu = SourceId.of(0, eduSlot, 0);
        eduConfig = 0x8000_0000 | eduSlot << 11;
        translatePattern = Pattern.compile(String.format(
                "vtd_dmar_translate dev 00:%02x\\.00 iova 0x([0-9a-f]+) -> gpa 0x([0-9a-f]+) mask 0x([0-9a-f]+)",
                eduSlot));
        dmarFaultPattern = Pattern.compile(String.format(
                "vtd_dmar_fault sid 0x(%x) fault (\\d+) addr 0x([0-9a-f]+) write (\\d)", eduSlot << 3));
        List<String> arguments = new ArrayList<>(setup.deviceArguments());
        arguments.addAll(List.of("-device", "edu,addr=0x" + Integer.toHexString(eduSlot)));
        // every vtd_* event but the register reads (the adapter's own reads are many and tell nothing)
        qemu = QtestProcess.start(setup.binary().path(), arguments, List.of("vtd_*", "-vtd_reg_read"), tap);
        try {
            long cap = qemu.readq(REGISTER_BASE + 0x08);
            long ecap = qemu.readq(REGISTER_BASE + 0x10);
            try {
                capabilities = DeviceCapabilities.from(cap, ecap, MEMORY_BYTES);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(setup + ": " + e.getMessage(), e);
            }
            setUpEdu();
        } catch (RuntimeException e) {
            qemu.close();
            throw e;
        }
        qemu.takeTrace();
    }

    /** The capabilities the device reports (CAP, ECAP), with 256 MiB of guest memory: the model's. */
    public Capabilities capabilities() {
        return capabilities;
    }

    /** What this unit runs. */
    public QemuSetup setup() {
        return setup;
    }

    /**
     * A factory for the property suites: each unit is a fresh QEMU of {@code setup}; capabilities other than the
     * device's are refused, naming the device's.
     */
    public static RemappingUnit.Factory factory(QemuSetup setup) {
        return capabilities -> {
            if (!setup.capabilities().equals(capabilities)) {
                throw new IllegalArgumentException(setup + " reports " + setup.capabilities() + "; refused: "
                        + capabilities);
            }
            return new QemuUnit(setup);
        };
    }

    /** Whether qemu-system-x86_64 is on PATH. */
    public static boolean available() {
        return QtestProcess.findBinary() != null;
    }

    // ---- edu set-up: BAR0, memory and bus master, a buffer of markers ----

    private void setUpEdu() {
        List<String> replies = qemu.commands(eduConfiguration());
        checkEdu(replies.get(replies.size() - 1));
        // Translation is off at power-on: edu's DMA goes straight to RAM and no IOMMU state is touched. Fill the
        // first 255 bytes of edu's buffer with 1..255 (the markers of DMA writes), then zero the scratch again.
        // edu has no reset handler: its buffer keeps the markers across system resets.
        long scratch = 0x8000;
        for (int word = 0; word < 32; word++) {
            long value = 0;
            for (int b = 7; b >= 0; b--) {
                value = value << 8 | ((word * 8 + b + 1) & 0xFF);
            }
            qemu.defer(QtestProcess.writeCommand(8, scratch + 8L * word, value));
        }
        eduDma(scratch, EDU_BUFFER, 256, false, List.of());
        qemu.defer(String.format("memset 0x%x 0x100 0x0", scratch));
    }

    /** Edu's BAR0, then memory and bus master on, then a read of its id register (the last command). */
    private List<String> eduConfiguration() {
        return List.of(String.format("outl 0xcf8 0x%x", eduConfig | 0x10), String.format("outl 0xcfc 0x%x", EDU_BAR),
                String.format("outl 0xcf8 0x%x", eduConfig | 0x04), "outw 0xcfc 0x6",
                QtestProcess.readCommand(4, EDU_BAR));
    }

    private static void checkEdu(String idReply) {
        long id = QtestProcess.value(idReply);
        if ((id & 0xFF) != 0xED) {
            throw new IllegalStateException(String.format("edu not found at BAR 0x%x (id 0x%x)", EDU_BAR, id));
        }
    }

    private long configRead(int register) {
        qemu.outl(0xCF8, eduConfig | register);
        return qemu.inl(0xCFC);
    }

    /**
     * One edu DMA; {@code toRam} copies the buffer to RAM (a DMA write), otherwise RAM to the buffer. Edu's DMA
     * registers are written after {@code before}, in the same round trip, then its command register is polled
     * until the transfer is done; each poll reads FRCD[0] too. Returns the replies of {@code before} and FRCD[0]
     * (low, high) read with the poll that saw the transfer done (nothing ran between the two).
     */
    private DmaReplies eduDma(long source, long destination, long count, boolean toRam, List<String> before) {
        List<String> batch = new ArrayList<>(before);
        batch.add(QtestProcess.writeCommand(8, EDU_BAR + 0x80, source));
        batch.add(QtestProcess.writeCommand(8, EDU_BAR + 0x88, destination));
        batch.add(QtestProcess.writeCommand(8, EDU_BAR + 0x90, count));
        batch.add(QtestProcess.writeCommand(8, EDU_BAR + 0x98, toRam ? 3 : 1));
        List<String> poll = List.of(QtestProcess.readCommand(8, EDU_BAR + 0x98),
                QtestProcess.readCommand(8, REGISTER_BASE + 0x220), QtestProcess.readCommand(8, REGISTER_BASE + 0x228));
        batch.addAll(poll);
        List<String> replies = qemu.commands(batch);
        List<String> beforeReplies = replies.subList(0, before.size());
        List<String> polled = replies.subList(replies.size() - poll.size(), replies.size());
        long deadline = System.nanoTime() + 5_000_000_000L;
        while ((QtestProcess.value(polled.get(0)) & 1) != 0) {
            if (System.nanoTime() > deadline) {
                throw new QemuDiedException("edu DMA did not complete within 5 s", qemu.takeTrace());
            }
            polled = qemu.commands(poll);
        }
        return new DmaReplies(beforeReplies, new long[] {QtestProcess.value(polled.get(1)),
                QtestProcess.value(polled.get(2))});
    }

    private record DmaReplies(List<String> before, long[] faultRecord) {
    }

    // ---- RemappingUnit ----

    @Override
    public Outcome apply(Operation operation) {
        Observation observation = observe(operation);
        if (observation.died()) {
            throw observation.death();
        }
        return observation.outcome();
    }

    /**
     * Performs {@code operation} and returns what QEMU showed of it.
     *
     * @throws UnobservableOperationException for operations the adapter cannot make QEMU perform or cannot see
     */
    public Observation observe(Operation operation) {
        refuseUnobservable(operation, edu);
        if (operation instanceof Operation.WriteMemory) {
            qemu.takeTrace();
            return writeMemory((Operation.WriteMemory) operation, true);
        }
        if (operation instanceof Operation.DmaRequest || operation instanceof Operation.InterruptRequest) {
            qemu.takeTrace();
            try {
                return operation instanceof Operation.DmaRequest ? dma((Operation.DmaRequest) operation)
                        : interrupt((Operation.InterruptRequest) operation);
            } catch (QemuDiedException death) {
                return died(operation, death);
            }
        }
        return accesses(List.of(operation)).get(0);
    }

    /**
     * Performs {@code operations} in order and returns what QEMU showed of each, exactly as {@link #observe} one
     * by one would, in fewer round trips: register and memory accesses are sent together where that cannot change
     * what any of them shows ({@link #joins}). Stops after an operation during which QEMU died (the last
     * observation then carries the death).
     *
     * @throws UnobservableOperationException for an operation the adapter cannot make QEMU perform or cannot see
     *                                        (before anything is sent)
     */
    public List<Observation> observeAll(List<Operation> operations) {
        operations.forEach(operation -> refuseUnobservable(operation, edu));
        List<Observation> observations = new ArrayList<>(operations.size());
        int i = 0;
        while (i < operations.size() && (observations.isEmpty()
                || !observations.get(observations.size() - 1).died())) {
            Operation operation = operations.get(i);
            if (operation instanceof Operation.DmaRequest || operation instanceof Operation.InterruptRequest) {
                observations.add(observe(operation));
                i++;
                continue;
            }
            List<Operation> batch = new ArrayList<>();
            while (i < operations.size() && joins(batch, operations.get(i))) {
                batch.add(operations.get(i++));
            }
            observations.addAll(accesses(batch));
        }
        return observations;
    }

    /**
     * Whether {@code next}, a register or memory access, can be sent in one round trip after {@code batch} and
     * still show exactly what it shows alone. A register write's observation may need a read of guest memory
     * after it (the status write of an invalidation wait descriptor, {@link #unitEvents}), made once the batch is
     * answered: so no guest memory write may follow a register write in a batch, and only one write that makes
     * QEMU process invalidation descriptors (IQT, or GCMD enabling queued invalidation: QEMU's only two) may be in
     * it. Everything else in a batch is answered in order, each reply with the trace lines printed before it.
     */
    private static boolean joins(List<Operation> batch, Operation next) {
        if (next instanceof Operation.DmaRequest || next instanceof Operation.InterruptRequest) {
            return false;
        }
        boolean registerWritten = batch.stream().anyMatch(o -> o instanceof Operation.WriteRegister);
        if (next instanceof Operation.WriteMemory && registerWritten) {
            return false;
        }
        return !(processesDescriptors(next) && batch.stream().anyMatch(QemuUnit::processesDescriptors));
    }

    private static boolean processesDescriptors(Operation operation) {
        if (!(operation instanceof Operation.WriteRegister)) {
            return false;
        }
        Operation.WriteRegister write = (Operation.WriteRegister) operation;
        int end = write.offset() + write.size();
        return overlaps(write.offset(), end, 0x88, 8) || overlaps(write.offset(), end, 0x18, 4);
    }

    private static boolean overlaps(int first, int end, int register, int size) {
        return first < register + size && end > register;
    }

    private Observation died(Operation operation, QemuDiedException death) {
        return new Observation(operation, null, Set.of(), death.lastLines(), "", death);
    }

    /**
     * Register and memory accesses in one round trip (memory writes alone are deferred to the next one), plus one
     * for the status words their invalidation waits wrote.
     */
    private List<Observation> accesses(List<Operation> batch) {
        qemu.takeTrace();
        if (batch.stream().allMatch(o -> o instanceof Operation.WriteMemory)) {
            List<Observation> observations = new ArrayList<>();
            batch.forEach(o -> observations.add(writeMemory((Operation.WriteMemory) o, true)));
            return observations;
        }
        List<String> commands = new ArrayList<>();
        int[] commandOf = new int[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            String command = command(batch.get(i));
            commandOf[i] = command == null ? -1 : commands.size();
            if (command != null) {
                commands.add(command);
            }
        }
        QtestProcess.Exchange exchange = qemu.exchange(commands);
        List<QtestProcess.Reply> replies = exchange.replies();
        QemuDiedException death = exchange.death();
        Map<Long, Long> statusWords = new HashMap<>();
        List<Long> wanted = new ArrayList<>();
        for (QtestProcess.Reply reply : replies) {
            wanted.addAll(statusWordsWritten(reply.trace()));
        }
        if (!wanted.isEmpty() && death == null) {
            List<String> reads = new ArrayList<>();
            wanted.forEach(word -> reads.add(QtestProcess.readCommand(8, word)));
            QtestProcess.Exchange words = qemu.exchange(reads);
            for (int i = 0; i < words.replies().size(); i++) {
                statusWords.put(wanted.get(i), words.replies().get(i).value());
            }
            death = words.death();
        }
        List<Observation> observations = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Operation operation = batch.get(i);
            if (commandOf[i] < 0) {
                observations.add(beyondMemory(operation));
                continue;
            }
            if (commandOf[i] >= replies.size()) {
                observations.add(died(operation, death));
                break;
            }
            QtestProcess.Reply reply = replies.get(commandOf[i]);
            if (death != null && !statusWordsWritten(reply.trace()).stream().allMatch(statusWords::containsKey)) {
                observations.add(died(operation, death));
                break;
            }
            observations.add(access(operation, reply, statusWords));
        }
        return observations;
    }

    /** The qtest command performing a register or memory access, or null for memory beyond RAM (not sent). */
    private static String command(Operation operation) {
        if (operation instanceof Operation.WriteMemory) {
            Operation.WriteMemory write = (Operation.WriteMemory) operation;
            return inMemory(write.address()) ? QtestProcess.writeCommand(8, write.address() & ~7L, write.value())
                    : null;
        }
        if (operation instanceof Operation.ReadMemory) {
            Operation.ReadMemory read = (Operation.ReadMemory) operation;
            return inMemory(read.address()) ? QtestProcess.readCommand(8, read.address() & ~7L) : null;
        }
        if (operation instanceof Operation.WriteRegister) {
            Operation.WriteRegister write = (Operation.WriteRegister) operation;
            long value = write.size() == 8 ? write.value() : write.value() & ((1L << (8 * write.size())) - 1);
            return QtestProcess.writeCommand(write.size(), REGISTER_BASE + write.offset(), value);
        }
        Operation.ReadRegister read = (Operation.ReadRegister) operation;
        return QtestProcess.readCommand(read.size(), REGISTER_BASE + read.offset());
    }

    private Observation access(Operation operation, QtestProcess.Reply reply, Map<Long, Long> statusWords) {
        List<String> trace = reply.trace();
        for (String line : trace) {
            Matcher latched = ROOT_LATCHED.matcher(line);
            if (latched.find()) {
                scalableLatched = latched.group(1).equals("1");
            }
        }
        if (operation instanceof Operation.WriteMemory) {
            Operation.WriteMemory write = (Operation.WriteMemory) operation;
            remember(write.address() & ~7L, write.value());
            return new Observation(write, Outcome.of(Result.DONE), EnumSet.of(Hidden.WRITE_RESULT,
                    Hidden.LISTENER_EVENTS), trace, "", null);
        }
        if (operation instanceof Operation.ReadMemory) {
            long value = reply.value();
            memory.put(((Operation.ReadMemory) operation).address() & ~7L, value);
            return new Observation(operation, Outcome.of(new Result.Value(value)), EnumSet.of(Hidden.LISTENER_EVENTS),
                    trace, "", null);
        }
        if (operation instanceof Operation.WriteRegister) {
            List<Event> events = unitEvents(trace, null, statusWords);
            return new Observation(operation, new Outcome(Result.DONE, events),
                    EnumSet.of(Hidden.WRITE_RESULT, Hidden.INTERRUPT_SOURCE, Hidden.LISTENER_EVENTS), trace, "",
                    null);
        }
        Operation.ReadRegister read = (Operation.ReadRegister) operation;
        Set<Hidden> hidden = EnumSet.of(Hidden.LISTENER_EVENTS);
        if (!architecturalAccess(read.offset(), read.size())) {
            hidden.add(Hidden.IGNORED_READ_VALUE);
        }
        // the mode QEMU latched names divergences whose trace cannot show it (D26-iqe)
        String note = scalableLatched ? "QEMU latched scalable-mode tables" : "";
        return new Observation(read, Outcome.of(new Result.Value(reply.value())), hidden, trace, note, null);
    }

    /** The requester id of this unit's edu device. */
    public SourceId edu() {
        return edu;
    }

    /**
     * Why the adapter with edu at {@code edu} cannot perform {@code operation}, or null if it can (the check
     * {@link #observe} makes before sending anything; generators filter with it).
     */
    public static String unobservable(Operation operation, SourceId edu) {
        try {
            refuseUnobservable(operation, edu);
            return null;
        } catch (UnobservableOperationException e) {
            return e.getMessage();
        }
    }

    private static void refuseUnobservable(Operation operation, SourceId edu) {
        if (operation instanceof Operation.RegisterListener || operation instanceof Operation.UnregisterListener
                || operation instanceof Operation.Replay) {
            throw new UnobservableOperationException(operation, "listeners need VFIO, which this QEMU set-up lacks");
        }
        if (operation instanceof Operation.WriteMemory || operation instanceof Operation.ReadMemory) {
            long address = operation instanceof Operation.WriteMemory
                    ? ((Operation.WriteMemory) operation).address() : ((Operation.ReadMemory) operation).address();
            if (address >= LEGACY_FIRST && address < LEGACY_END) {
                throw new UnobservableOperationException(operation,
                        "0xA0000-0xFFFFF is q35's legacy VGA/BIOS region, not plain RAM");
            }
        }
        if (operation instanceof Operation.WriteRegister || operation instanceof Operation.ReadRegister) {
            int offset = operation instanceof Operation.WriteRegister
                    ? ((Operation.WriteRegister) operation).offset() : ((Operation.ReadRegister) operation).offset();
            int size = operation instanceof Operation.WriteRegister
                    ? ((Operation.WriteRegister) operation).size() : ((Operation.ReadRegister) operation).size();
            if (offset < 0 || offset > 0xFF8 || (size != 1 && size != 2 && size != 4 && size != 8)) {
                throw new UnobservableOperationException(operation,
                        "only 1, 2, 4 and 8-byte accesses inside the 4 KiB register page are made");
            }
            if (operation instanceof Operation.WriteRegister && offset % size != 0) {
                throw new UnobservableOperationException(operation, "qtest's write goes through"
                        + " address_space_write, which splits a misaligned access into aligned ones: it cannot make"
                        + " the misaligned write the model judges");
            }
        }
        if (operation instanceof Operation.DmaRequest) {
            Operation.DmaRequest dma = (Operation.DmaRequest) operation;
            if (!dma.source().equals(edu)) {
                throw new UnobservableOperationException(operation, "only edu (" + edu + ") makes DMA requests");
            }
            if (dma.address() < 0 || dma.address() > EDU_DMA_MASK) {
                throw new UnobservableOperationException(operation, "edu masks DMA addresses to 28 bits");
            }
        }
        if (operation instanceof Operation.InterruptRequest) {
            Operation.InterruptRequest request = (Operation.InterruptRequest) operation;
            if (!request.source().equals(edu)) {
                throw new UnobservableOperationException(operation, "only edu (" + edu + ") sends MSIs");
            }
            if (!Operation.inInterruptWindow(request.address())) {
                throw new UnobservableOperationException(operation,
                        "an MSI outside the interrupt window is a DMA write: use a DmaRequest");
            }
            if ((request.address() & 3) != 0) {
                throw new UnobservableOperationException(operation,
                        "bits 1:0 of a PCI MSI address are read-only 0: edu cannot send them");
            }
            if ((request.data() & 0xFFFF_0000) != 0) {
                throw new UnobservableOperationException(operation, "edu's MSI data register has 16 bits");
            }
        }
    }

    // ---- guest CPU side ----

    private static boolean inMemory(long address) {
        return address >= 0 && address < MEMORY_BYTES;
    }

    /**
     * A guest memory write; {@code defer}: sent with the next round trip (its reply carries nothing), otherwise
     * already sent in a batch. Beyond RAM it is not sent at all.
     */
    private Observation writeMemory(Operation.WriteMemory write, boolean defer) {
        if (!inMemory(write.address())) {
            return beyondMemory(write);
        }
        if (defer) {
            qemu.defer(QtestProcess.writeCommand(8, write.address() & ~7L, write.value()));
        }
        remember(write.address() & ~7L, write.value());
        return new Observation(write, Outcome.of(Result.DONE), EnumSet.of(Hidden.WRITE_RESULT, Hidden.LISTENER_EVENTS),
                List.of(), "", null);
    }

    /** A guest memory access beyond RAM: not sent (it could hit MMIO, the remapping unit's registers among it). */
    private static Observation beyondMemory(Operation access) {
        return new Observation(access, Outcome.of(new Result.Ignored(Result.IgnoreReason.OUTSIDE_GUEST_MEMORY)),
                EnumSet.of(Hidden.LISTENER_EVENTS), List.of(), "beyond the 256 MiB of RAM: not sent to QEMU", null);
    }

    private void remember(long word, long value) {
        memory.put(word, value);
        dirtyPages.add(word & ~0xFFFL);
    }

    private static boolean architecturalAccess(int offset, int size) {
        return (size == 4 || size == 8) && offset % size == 0 && offset + size <= 0x230;
    }

    /** The 8-byte words of guest RAM that invalidation wait descriptors wrote their status to, per the trace. */
    private static List<Long> statusWordsWritten(List<String> trace) {
        List<Long> words = new ArrayList<>();
        for (int i = 0; i < trace.size(); i++) {
            Matcher sw = WAIT_SW.matcher(trace.get(i));
            if (sw.find()) {
                boolean failed = i + 1 < trace.size() && trace.get(i + 1).startsWith("vtd_inv_desc_wait_write_fail");
                long address = Long.parseUnsignedLong(sw.group(1), 16);
                if (!failed && inMemory(address) && !words.contains(address & ~7L)) {
                    words.add(address & ~7L);
                }
            }
        }
        return words;
    }

    /**
     * The unit's own events in trace order: status writes (checked against {@code statusWords}, the words of
     * memory read back after the step, {@link #statusWordsWritten}), its interrupts, and the fault
     * recorded in FRCD[0] ({@code recorded}, read back from the register, placed where QEMU traced it).
     */
    private List<Event> unitEvents(List<String> trace, Event.FaultRecorded recorded, Map<Long, Long> statusWords) {
        List<Event> events = new ArrayList<>();
        boolean faultPlaced = false;
        for (int i = 0; i < trace.size(); i++) {
            String line = trace.get(i);
            Matcher sw = WAIT_SW.matcher(line);
            if (sw.find()) {
                boolean failed = i + 1 < trace.size() && trace.get(i + 1).startsWith("vtd_inv_desc_wait_write_fail");
                long address = Long.parseUnsignedLong(sw.group(1), 16);
                int data = (int) Long.parseLong(sw.group(2), 16);
                dirtyPages.add(address & ~0xFFFL);
                if (!failed && inMemory(address)) {
                    long word = statusWords.get(address & ~7L);
                    memory.put(address & ~7L, word);
                    int stored = (int) (word >>> (8 * (address & 4)));
                    if (stored == data) {
                        events.add(new Event.StatusWritten(address, data));
                    }
                }
                continue;
            }
            Matcher irq = IRQ.matcher(line);
            if (irq.find()) {
                events.add(new Event.InterruptRaised(Event.InterruptSource.FAULT_EVENT,
                        Long.parseUnsignedLong(irq.group(1), 16), (int) Long.parseLong(irq.group(2), 16)));
                continue;
            }
            if (line.startsWith("vtd_frr_new") && recorded != null && !faultPlaced) {
                events.add(recorded);
                faultPlaced = true;
            }
        }
        if (recorded != null && !faultPlaced) {
            events.add(0, recorded);
        }
        return events;
    }

    // ---- device side ----

    private static List<String> faultRecordReads() {
        return List.of(QtestProcess.readCommand(8, REGISTER_BASE + 0x220),
                QtestProcess.readCommand(8, REGISTER_BASE + 0x228));
    }

    /** The status words of the invalidation waits in {@code trace}, read now ({@link #statusWordsWritten}). */
    private Map<Long, Long> readStatusWords(List<String> trace) {
        List<Long> words = statusWordsWritten(trace);
        Map<Long, Long> values = new HashMap<>();
        if (!words.isEmpty()) {
            List<String> reads = new ArrayList<>();
            words.forEach(word -> reads.add(QtestProcess.readCommand(8, word)));
            List<String> replies = qemu.commands(reads);
            for (int i = 0; i < words.size(); i++) {
                values.put(words.get(i), QtestProcess.value(replies.get(i)));
            }
        }
        return values;
    }

    /** The fault FRCD[0] newly holds after a request, or null. */
    private static Event.FaultRecorded newFault(long[] before, long[] after) {
        boolean fullAfter = after[1] < 0;
        boolean fullBefore = before[1] < 0;
        if (!fullAfter || (fullBefore && before[0] == after[0] && before[1] == after[1])) {
            return null;
        }
        long high = after[1];
        int code = (int) (high >>> 32) & 0xFF;
        FaultReason reason = FaultReason.ofCode(code).orElse(null);
        Access access = (high & (1L << 62)) != 0 ? Access.READ : Access.WRITE;
        long info = reason != null && reason.isInterruptRemapping() ? after[0] : after[0] & ~0xFFFL;
        return new Event.FaultRecorded(0, new SourceId((int) (high & 0xFFFF)), reason, info, access);
    }

    private Observation dma(Operation.DmaRequest request) {
        long address = request.address();
        int markerIndex = dmaCount++ % MARKERS;
        int marker = markerIndex + 1;
        DmaReplies replies = request.access() == Access.WRITE
                ? eduDma(EDU_BUFFER + markerIndex, address, 1, true, faultRecordReads())
                : eduDma(address, EDU_READ_SLOT, 1, false, faultRecordReads());
        long[] before = {QtestProcess.value(replies.before().get(0)), QtestProcess.value(replies.before().get(1))};
        List<String> trace = qemu.takeTrace();
        Event.FaultRecorded recorded = newFault(before, replies.faultRecord());
        List<Event> events = unitEvents(trace, recorded, readStatusWords(trace));
        Set<Hidden> hidden = EnumSet.of(Hidden.PERMISSION, Hidden.INTERRUPT_SOURCE, Hidden.LISTENER_EVENTS);

        Integer tracedReason = null;
        boolean faultDisabled = false;
        long[] translation = null;
        for (String line : trace) {
            Matcher fault = dmarFaultPattern.matcher(line);
            if (fault.find() && tracedReason == null) {
                tracedReason = Integer.parseInt(fault.group(2));
            }
            if (line.startsWith("vtd_fault_disabled")) {
                faultDisabled = true;
            }
            Matcher translate = translatePattern.matcher(line);
            if (translate.find() && translation == null) {
                translation = new long[] {Long.parseUnsignedLong(translate.group(2), 16),
                        Long.parseUnsignedLong(translate.group(3), 16)};
            }
        }
        Result result;
        String note;
        if (recorded != null && recorded.reason() != null) {
            result = new Result.DmaFault(recorded.reason());
            note = "fault recorded in FRCD[0]";
        } else if (tracedReason != null) {
            FaultReason reason = FaultReason.ofCode(tracedReason).orElse(null);
            result = new Result.DmaFault(reason == null ? byAccess(request.access()) : reason);
            if (reason == null) {
                hidden.add(Hidden.FAULT_REASON);
            }
            note = "fault " + Integer.toHexString(tracedReason) + "h traced, not recorded";
        } else if (faultDisabled) {
            result = new Result.DmaFault(byAccess(request.access()));
            hidden.add(Hidden.FAULT_REASON);
            note = "fault suppressed by FPD (reason not shown)";
        } else {
            long target;
            long mask;
            if (translation != null) {
                mask = translation[1];
                target = translation[0] | (address & mask);
                note = "translation traced";
            } else {
                mask = 0xFFF;
                target = address;
                note = "no translation traced: identity (translation off or pass-through)";
            }
            Boolean performed = request.access() == Access.WRITE ? checkAndRestore(target, marker) : null;
            if (performed == null || performed) {
                result = new Result.Translated(target, mask, Permission.READ_WRITE);
                if (performed == null) {
                    note += request.access() == Access.READ ? "; read data not observed"
                            : "; target outside RAM, write not observed";
                } else {
                    note += "; marker found at the target";
                }
            } else {
                result = new Result.DmaFault(byAccess(request.access()));
                hidden.add(Hidden.FAULT_REASON);
                note += String.format("; but the write did not reach 0x%x (refused after translation, no fault)",
                        target);
            }
        }
        return new Observation(request, new Outcome(result, events), hidden, trace, note, null);
    }

    private static FaultReason byAccess(Access access) {
        return access == Access.WRITE ? FaultReason.WRITE_NOT_PERMITTED : FaultReason.READ_NOT_PERMITTED;
    }

    /**
     * Whether the marker byte of a one-byte DMA write reached {@code target}; puts the byte the guest had there
     * back. Null when the target is not plain RAM (the write cannot be seen).
     */
    private Boolean checkAndRestore(long target, int marker) {
        if (!inMemory(target) || (target >= LEGACY_FIRST && target < LEGACY_END)) {
            return null;
        }
        long word = target & ~7L;
        int shift = 8 * (int) (target & 7);
        long now = qemu.readq(word);
        long known = memory.getOrDefault(word, 0L);
        int byteNow = (int) (now >>> shift) & 0xFF;
        int byteKnown = (int) (known >>> shift) & 0xFF;
        long restored = (now & ~(0xFFL << shift)) | ((long) byteKnown << shift);
        if (restored != now) {
            qemu.defer(QtestProcess.writeCommand(8, word, restored));
        }
        return byteNow == marker;
    }

    private Observation interrupt(Operation.InterruptRequest request) {
        List<String> batch = new ArrayList<>();
        if (!msiEnabled) {
            long control = configRead(MSI_CAP);
            batch.add(String.format("outl 0xcf8 0x%x", eduConfig | MSI_CAP));
            batch.add(String.format("outl 0xcfc 0x%x", control | 1L << 16));
            msiEnabled = true;
        }
        long[][] config = {{MSI_CAP + 4, request.address() & 0xFFFF_FFFFL}, {MSI_CAP + 8, request.address() >>> 32},
                {MSI_CAP + 0xC, request.data() & 0xFFFF}};
        for (long[] write : config) {
            batch.add(String.format("outl 0xcf8 0x%x", eduConfig | write[0]));
            batch.add(String.format("outl 0xcfc 0x%x", write[1]));
        }
        // FRCD[0] before, edu raising and lowering its interrupt (an MSI, remapped at once), FRCD[0] after
        int raise = batch.size() + 2;
        batch.addAll(faultRecordReads());
        batch.add(QtestProcess.writeCommand(4, EDU_BAR + 0x60, 1));
        batch.add(QtestProcess.writeCommand(4, EDU_BAR + 0x64, 1));
        batch.addAll(faultRecordReads());
        QtestProcess.Exchange exchange = qemu.exchange(batch);
        if (exchange.death() != null) {
            throw exchange.death();
        }
        List<QtestProcess.Reply> replies = exchange.replies();
        long[] before = {replies.get(raise - 2).value(), replies.get(raise - 1).value()};
        long[] after = {replies.get(raise + 2).value(), replies.get(raise + 3).value()};
        List<String> trace = new ArrayList<>(replies.get(raise).trace());
        trace.addAll(replies.get(raise + 1).trace());
        Event.FaultRecorded recorded = newFault(before, after);
        List<Event> events = unitEvents(trace, recorded, readStatusWords(trace));
        Set<Hidden> hidden = EnumSet.of(Hidden.INTERRUPT_SOURCE, Hidden.LISTENER_EVENTS);
        Result result = null;
        for (String line : trace) {
            Matcher remap = REMAP_MSI.matcher(line);
            // only the message edu sent (the IOAPIC's RTEs are masked, but be sure)
            if (remap.find() && Long.parseUnsignedLong(remap.group(1), 16) == request.address()
                    && Long.parseLong(remap.group(2), 16) == (request.data() & 0xFFFFFFFFL)) {
                result = new Result.InterruptForwarded(new MsiMessage(Long.parseUnsignedLong(remap.group(3), 16),
                        (int) Long.parseLong(remap.group(4), 16)));
                break;
            }
        }
        String note;
        if (result != null) {
            note = "remapped message traced";
        } else if (recorded != null && recorded.reason() != null) {
            result = new Result.InterruptFault(recorded.reason());
            note = "fault recorded in FRCD[0]";
        } else {
            result = new Result.InterruptFault(FaultReason.IR_ENTRY_NOT_PRESENT);
            hidden.add(Hidden.FAULT_REASON);
            note = "interrupt dropped, no fault recorded (reason not shown)";
        }
        return new Observation(request, new Outcome(result, events), hidden, trace, note, null);
    }

    /**
     * Returns the unit to its power-on state, for the next case on the same QEMU: a system reset through the
     * chipset's reset control register (port 0xCF9, as a guest reboots; intel-iommu's reset re-initialises every
     * register and cache), the guest RAM pages written so far zeroed (a reset keeps RAM), edu's BAR and command
     * register set again (edu has no reset handler: its buffer keeps the DMA markers). The reset is seen done when
     * FEDATA, set to a marker before it, reads 0 again. Two round trips when QEMU resets at once.
     *
     * @throws QemuDiedException when QEMU died or does not come back
     */
    public void reset() {
        List<String> first = new ArrayList<>();
        for (long page : dirtyPages) {
            first.add(String.format("memset 0x%x 0x1000 0x0", page));
        }
        first.add(QtestProcess.writeCommand(4, REGISTER_BASE + 0x3C, RESET_MARKER));
        first.add("outb 0xcf9 0x6");
        qemu.commands(first);
        dirtyPages.clear();
        memory.clear();
        dmaCount = 0;
        msiEnabled = false;
        scalableLatched = false;
        // QEMU resets from its main loop after the command: FEDATA reads 0 once it did, and edu's configuration
        // (lost in the reset) goes in the same round trip; sent again while the marker is still there
        List<String> poll = new ArrayList<>();
        poll.add(QtestProcess.readCommand(4, REGISTER_BASE + 0x3C));
        poll.addAll(eduConfiguration());
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<String> replies = qemu.commands(poll);
        while (QtestProcess.value(replies.get(0)) != 0) {
            if (System.nanoTime() > deadline) {
                throw new QemuDiedException("the system reset did not complete within 5 s", qemu.takeTrace());
            }
            replies = qemu.commands(poll);
        }
        checkEdu(replies.get(replies.size() - 1));
        qemu.takeTrace();
    }

    /** What was exchanged with this unit's QEMU so far. */
    public Traffic traffic() {
        return qemu.traffic();
    }

    /** Whether QEMU has died (the unit cannot be used any more). */
    public boolean isDead() {
        return qemu.isDead();
    }

    @Override
    public void close() {
        qemu.close();
    }
}
