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
        qemu = QtestProcess.start(setup.binary().path(), arguments, "vtd_*");
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
        configWrite(0x10, EDU_BAR);
        qemu.outl(0xCF8, eduConfig | 0x04);
        qemu.outw(0xCFC, 0x6);
        long id = qemu.readl(EDU_BAR);
        if ((id & 0xFF) != 0xED) {
            throw new IllegalStateException(String.format("edu not found at BAR 0x%x (id 0x%x)", EDU_BAR, id));
        }
        // Translation is off at power-on: edu's DMA goes straight to RAM and no IOMMU state is touched. Fill the
        // first 255 bytes of edu's buffer with 1..255 (the markers of DMA writes), then zero the scratch again.
        long scratch = 0x8000;
        for (int word = 0; word < 32; word++) {
            long value = 0;
            for (int b = 7; b >= 0; b--) {
                value = value << 8 | ((word * 8 + b + 1) & 0xFF);
            }
            qemu.defer(QtestProcess.writeCommand(8, scratch + 8L * word, value));
        }
        eduDma(scratch, EDU_BUFFER, 256, false);
        qemu.defer(String.format("memset 0x%x 0x100 0x0", scratch));
    }

    private void configWrite(int register, long value) {
        qemu.outl(0xCF8, eduConfig | register);
        qemu.outl(0xCFC, value);
    }

    private long configRead(int register) {
        qemu.outl(0xCF8, eduConfig | register);
        return qemu.inl(0xCFC);
    }

    /** One edu DMA; {@code toRam} copies the buffer to RAM (a DMA write), otherwise RAM to the buffer. */
    private void eduDma(long source, long destination, long count, boolean toRam) {
        eduDma(source, destination, count, toRam, List.of());
    }

    /**
     * One edu DMA, started in the same round trip as {@code before} (reads whose replies are returned): edu's
     * DMA registers are written, then its command register is polled until the transfer is done.
     */
    private List<String> eduDma(long source, long destination, long count, boolean toRam, List<String> before) {
        List<String> batch = new ArrayList<>(before);
        batch.add(QtestProcess.writeCommand(8, EDU_BAR + 0x80, source));
        batch.add(QtestProcess.writeCommand(8, EDU_BAR + 0x88, destination));
        batch.add(QtestProcess.writeCommand(8, EDU_BAR + 0x90, count));
        batch.add(QtestProcess.writeCommand(8, EDU_BAR + 0x98, toRam ? 3 : 1));
        batch.add(QtestProcess.readCommand(8, EDU_BAR + 0x98));
        List<String> replies = qemu.commands(batch);
        long deadline = System.nanoTime() + 5_000_000_000L;
        long status = QtestProcess.value(replies.get(replies.size() - 1));
        while ((status & 1) != 0) {
            if (System.nanoTime() > deadline) {
                throw new QemuDiedException("edu DMA did not complete within 5 s", qemu.takeTrace());
            }
            status = qemu.readq(EDU_BAR + 0x98);
        }
        return replies.subList(0, before.size());
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
        qemu.takeTrace();
        try {
            if (operation instanceof Operation.WriteMemory) {
                return writeMemory((Operation.WriteMemory) operation);
            }
            if (operation instanceof Operation.ReadMemory) {
                return readMemory((Operation.ReadMemory) operation);
            }
            if (operation instanceof Operation.WriteRegister) {
                return writeRegister((Operation.WriteRegister) operation);
            }
            if (operation instanceof Operation.ReadRegister) {
                return readRegister((Operation.ReadRegister) operation);
            }
            if (operation instanceof Operation.DmaRequest) {
                return dma((Operation.DmaRequest) operation);
            }
            return interrupt((Operation.InterruptRequest) operation);
        } catch (QemuDiedException death) {
            return new Observation(operation, null, Set.of(), death.lastLines(), "", death);
        }
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

    private Observation writeMemory(Operation.WriteMemory write) {
        if (!inMemory(write.address())) {
            return observed(write, Outcome.of(new Result.Ignored(Result.IgnoreReason.OUTSIDE_GUEST_MEMORY)),
                    EnumSet.noneOf(Hidden.class), "beyond the 256 MiB of RAM: not sent to QEMU");
        }
        long word = write.address() & ~7L;
        qemu.defer(QtestProcess.writeCommand(8, word, write.value()));
        memory.put(word, write.value());
        dirtyPages.add(word & ~0xFFFL);
        return observed(write, Outcome.of(Result.DONE), EnumSet.of(Hidden.WRITE_RESULT), "");
    }

    private Observation readMemory(Operation.ReadMemory read) {
        if (!inMemory(read.address())) {
            return observed(read, Outcome.of(new Result.Ignored(Result.IgnoreReason.OUTSIDE_GUEST_MEMORY)),
                    EnumSet.noneOf(Hidden.class), "beyond the 256 MiB of RAM: not sent to QEMU");
        }
        long word = read.address() & ~7L;
        long value = qemu.readq(word);
        memory.put(word, value);
        return observed(read, Outcome.of(new Result.Value(value)), EnumSet.noneOf(Hidden.class), "");
    }

    private static boolean architecturalAccess(int offset, int size) {
        return (size == 4 || size == 8) && offset % size == 0 && offset + size <= 0x230;
    }

    private Observation writeRegister(Operation.WriteRegister write) {
        long value = write.size() == 8 ? write.value() : write.value() & ((1L << (8 * write.size())) - 1);
        qemu.write(write.size(), REGISTER_BASE + write.offset(), value);
        List<String> trace = qemu.takeTrace();
        List<Event> events = unitEvents(trace, null);
        return new Observation(write, new Outcome(Result.DONE, events),
                EnumSet.of(Hidden.WRITE_RESULT, Hidden.INTERRUPT_SOURCE, Hidden.LISTENER_EVENTS), trace, "", null);
    }

    private Observation readRegister(Operation.ReadRegister read) {
        long value = qemu.read(read.size(), REGISTER_BASE + read.offset());
        Set<Hidden> hidden = EnumSet.of(Hidden.LISTENER_EVENTS);
        if (!architecturalAccess(read.offset(), read.size())) {
            hidden.add(Hidden.IGNORED_READ_VALUE);
        }
        return observed(read, Outcome.of(new Result.Value(value)), hidden, "");
    }

    private Observation observed(Operation operation, Outcome outcome, Set<Hidden> hidden, String note) {
        Set<Hidden> all = EnumSet.of(Hidden.LISTENER_EVENTS);
        all.addAll(hidden);
        return new Observation(operation, outcome, all, qemu.takeTrace(), note, null);
    }

    /**
     * The unit's own events in trace order: status writes (checked against memory), its interrupts, and the fault
     * recorded in FRCD[0] ({@code recorded}, read back from the register, placed where QEMU traced it).
     */
    private List<Event> unitEvents(List<String> trace, Event.FaultRecorded recorded) {
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
                    long word = qemu.readq(address & ~7L);
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

    private long[] faultRecord() {
        List<String> replies = qemu.commands(List.of(QtestProcess.readCommand(8, REGISTER_BASE + 0x220),
                QtestProcess.readCommand(8, REGISTER_BASE + 0x228)));
        return new long[] {QtestProcess.value(replies.get(0)), QtestProcess.value(replies.get(1))};
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
        List<String> record = List.of(QtestProcess.readCommand(8, REGISTER_BASE + 0x220),
                QtestProcess.readCommand(8, REGISTER_BASE + 0x228));
        List<String> replies = request.access() == Access.WRITE
                ? eduDma(EDU_BUFFER + markerIndex, address, 1, true, record)
                : eduDma(address, EDU_READ_SLOT, 1, false, record);
        long[] before = {QtestProcess.value(replies.get(0)), QtestProcess.value(replies.get(1))};
        List<String> trace = qemu.takeTrace();
        long[] after = faultRecord();
        Event.FaultRecorded recorded = newFault(before, after);
        List<Event> events = unitEvents(trace, recorded);
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
        if (!msiEnabled) {
            long control = configRead(MSI_CAP);
            configWrite(MSI_CAP, control | 1L << 16);
            msiEnabled = true;
        }
        List<String> batch = new ArrayList<>();
        long[][] config = {{MSI_CAP + 4, request.address() & 0xFFFF_FFFFL}, {MSI_CAP + 8, request.address() >>> 32},
                {MSI_CAP + 0xC, request.data() & 0xFFFF}};
        for (long[] write : config) {
            batch.add(String.format("outl 0xcf8 0x%x", eduConfig | write[0]));
            batch.add(String.format("outl 0xcfc 0x%x", write[1]));
        }
        batch.add(QtestProcess.readCommand(8, REGISTER_BASE + 0x220));
        batch.add(QtestProcess.readCommand(8, REGISTER_BASE + 0x228));
        List<String> replies = qemu.commands(batch);
        long[] before = {QtestProcess.value(replies.get(6)), QtestProcess.value(replies.get(7))};
        qemu.takeTrace();
        qemu.commands(List.of(QtestProcess.writeCommand(4, EDU_BAR + 0x60, 1),
                QtestProcess.writeCommand(4, EDU_BAR + 0x64, 1)));
        List<String> trace = qemu.takeTrace();
        long[] after = faultRecord();
        Event.FaultRecorded recorded = newFault(before, after);
        List<Event> events = unitEvents(trace, recorded);
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
     * register and cache), the guest RAM pages written so far zeroed (a reset keeps RAM), edu set up again. The
     * reset is seen done when FEDATA, set to a marker before it, reads 0 again.
     *
     * @throws QemuDiedException when QEMU died or does not come back
     */
    public void reset() {
        qemu.commands(List.of(QtestProcess.writeCommand(4, REGISTER_BASE + 0x3C, RESET_MARKER),
                "outb 0xcf9 0x6"));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (qemu.readl(REGISTER_BASE + 0x3C) != 0) {
            if (System.nanoTime() > deadline) {
                throw new QemuDiedException("the system reset did not complete within 5 s", qemu.takeTrace());
            }
        }
        List<String> zero = new ArrayList<>();
        for (long page : dirtyPages) {
            zero.add(String.format("memset 0x%x 0x1000 0x0", page));
        }
        if (!zero.isEmpty()) {
            qemu.commands(zero);
        }
        dirtyPages.clear();
        memory.clear();
        dmaCount = 0;
        msiEnabled = false;
        setUpEdu();
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
