package io.vtdoracle.properties.generate;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.check.Gen;
import io.vtdoracle.check.Gens;
import io.vtdoracle.guest.Domain;
import io.vtdoracle.guest.Encoding;
import io.vtdoracle.guest.PageSize;
import io.vtdoracle.guest.Registers;
import io.vtdoracle.properties.command.Attach;
import io.vtdoracle.properties.command.Command;
import io.vtdoracle.properties.command.Dma;
import io.vtdoracle.properties.command.Flush;
import io.vtdoracle.properties.command.GuestHabit;
import io.vtdoracle.properties.command.GuestView;
import io.vtdoracle.properties.command.Invalidate;
import io.vtdoracle.properties.command.Invalidation;
import io.vtdoracle.properties.command.MapRange;
import io.vtdoracle.properties.command.Probe;
import io.vtdoracle.properties.command.QueueWait;
import io.vtdoracle.properties.command.RawContext;
import io.vtdoracle.properties.command.RawRegisterWrite;
import io.vtdoracle.properties.command.RegisterRead;
import io.vtdoracle.properties.command.ServiceFaults;
import io.vtdoracle.properties.command.SetPteBits;
import io.vtdoracle.properties.command.StalledQueue;
import io.vtdoracle.properties.command.UnrequestedInvalidation;
import java.util.ArrayList;
import java.util.List;

/**
 * Generators of probes that end in the read-back of a status or command register (§10.4): a driver, buggy or
 * adversarial, leaves the unit a register state to keep, then reads back what a real driver reads back, which the
 * refinement property judges. Every probe draws the same choices whatever the state.
 *
 * <ul>
 *   <li>queue error ({@link StalledQueue}): an invalid descriptor sets FSTS.IQE; FSTS written with other bits; the
 *       slot repaired and a wait descriptor queued, the tail moved while IQE is set; then IQE cleared and the tail
 *       written again as Linux does (§6.5.2.10, §10.4.9);</li>
 *   <li>fault overflow: the fault handler runs, then one device more than there are fault recording registers, each
 *       on a bus without a root entry, faults (FSTS.PFO set, §7.2.1); FSTS read, written with other bits, read
 *       back; then the handler again;</li>
 *   <li>completion status: a wait descriptor with IF sets ICS.IWC; ICS written with bit 0 clear, ICS and IECTL read
 *       back (IWC and IP stay, §10.4.24); then acknowledged;</li>
 *   <li>unrequested invalidation: after a mapping or a context entry changed without its invalidation, IOTLB_REG or
 *       CCMD written with IVT / ICC clear at another granularity than the last one performed, read back (IAIG or
 *       CAIG unchanged, nothing invalidated, §10.4.7, §10.4.8), a DMA through it, then Linux's invalidation;</li>
 *   <li>FPD (legacy mode): a device's context entry with FPD = 1, then one fault reason on either side of the
 *       qualified ranges (§7.1.3: 2h, 4h, 5h/6h, 7h, Ch and Eh suppressed; Bh recorded), sometimes followed by a
 *       DMA of a device on a bus without a root entry (1h, recorded), the fault handler reading FSTS and the records;
 *       then Linux's context entry again.</li>
 * </ul>
 */
final class StatusProbeGens {

    /** FSTS.ICE and ITE (§10.4.9): write 1 to clear, never set by a unit without device-TLBs' timeouts. */
    private static final int ICE = 1 << 5;
    private static final int ITE = 1 << 6;

    /** FSTS values a driver may write: each RW1C bit alone, none, and the read-only PPF and FRI with ICE and ITE. */
    private static final List<Integer> STATUS_WRITES = List.of(0, Registers.PFO, Registers.PPF, Registers.IQE, ICE,
            ITE, Registers.PPF | ICE | ITE | 0xFF00);

    /** A bus no guest device sits on: its root entry is not present. */
    private static final int ROOTLESS_BUS = 0x40;

    private StatusProbeGens() {
    }

    private static Gen<SourceId> device(GuestView view) {
        return Draw.pick(ProbeGens.translated(view), Universe.SOURCES.get(0));
    }

    private static int domainOf(GuestView view, SourceId source) {
        Integer did = view.attached().get(source);
        return did == null ? Universe.DOMAINS.get(0) : did;
    }

    private static ServiceFaults handler(GuestView view) {
        return new ServiceFaults(view.habit() == GuestHabit.FAULTS_REVERSED, false);
    }

    // ---------------------------------------------------------------- queue error

    /** An invalid descriptor in either queue width: type 0, a reserved type, or bits 11:9 set (§6.5.2). */
    static Gen<Command> queueError() {
        return tc -> {
            int kind = tc.draw(Gens.ints(0, 3));
            int bit = tc.draw(Gens.ints(0, 2));
            int status = tc.draw(Gens.elements(STATUS_WRITES));
            long[] wait = Encoding.invalidationWait(false, false, true, 0, 0);
            long[] context = Encoding.contextGlobal();
            long[][] descriptors = {{0, 0}, {wait[0] | 1L << (9 + bit), wait[1]},
                {context[0] | 1L << (9 + bit), context[1]}, {0xD + bit, 0}};
            return new StalledQueue(descriptors[kind][0], descriptors[kind][1], status);
        };
    }

    // ---------------------------------------------------------------- fault overflow

    static Gen<Command> faultOverflow(GuestView view) {
        int records = view.capabilities().faultRecordingRegisters();
        return tc -> {
            int status = tc.draw(Gens.elements(STATUS_WRITES)) & ~Registers.PFO;
            long address = tc.draw(Draw.aligned(0x1000, 0x8000_0000L));
            Access access = tc.draw(Gens.elements(Access.READ, Access.WRITE));
            List<Command> steps = new ArrayList<>();
            steps.add(handler(view));
            for (int k = 0; k <= records; k++) {
                steps.add(new Dma(SourceId.of(ROOTLESS_BUS + k, 0, 0), address, access));
            }
            steps.add(new RegisterRead(Registers.FSTS, 4));
            steps.add(new RawRegisterWrite(Registers.FSTS, 4, status));
            steps.add(new RegisterRead(Registers.FSTS, 4));
            steps.add(handler(view));
            return new Probe("pfo", steps);
        };
    }

    // ---------------------------------------------------------------- completion status

    static Gen<Command> completionStatus() {
        return tc -> {
            boolean statusWrite = tc.draw(Gens.booleans());
            boolean fence = tc.draw(Gens.booleans());
            long value = tc.draw(Gens.elements(0L, 2L, 0xFFFF_FFFEL, 0x8000_0000L));
            return new Probe("iwc", List.of(new QueueWait(statusWrite, true, fence, false),
                    new RawRegisterWrite(Registers.ICS, 4, value), new RegisterRead(Registers.ICS, 4),
                    new RegisterRead(Registers.IECTL, 4), new RawRegisterWrite(Registers.ICS, 4, 1),
                    new RegisterRead(Registers.ICS, 4)));
        };
    }

    // ---------------------------------------------------------------- unrequested invalidation

    static Gen<Command> unrequested(GuestView view) {
        return tc -> {
            SourceId source = tc.draw(device(view));
            int did = domainOf(view, source);
            boolean iotlb = tc.draw(Gens.booleans());
            long granularity = tc.draw(Gens.frequency(Gens.weighted(2, Gens.constant(1L)),
                    Gens.weighted(2, Gens.constant(2L)), Gens.weighted(1, Gens.constant(3L))));
            long iova = tc.draw(Draw.aligned(0x1000, 0x8000_0000L));
            long target = tc.draw(Draw.aligned(0x1000, 0xC000_0000L));
            long moved = target + 0x1000 * (1 + tc.draw(Gens.longs(0, 15)));
            int other = Universe.DOMAINS.get((Universe.DOMAINS.indexOf(did) + 1 + tc.draw(Gens.ints(0, 1)))
                    % Universe.DOMAINS.size());
            Access access = tc.draw(Gens.elements(Access.READ, Access.WRITE));
            Dma dma = new Dma(source, iova, access);
            List<Command> steps = new ArrayList<>();
            if (iotlb) {
                steps.add(new MapRange(did, iova, 1, PageSize.SIZE_4K, target, Permission.READ_WRITE, Flush.LINUX));
                steps.add(dma);
                steps.add(new MapRange(did, iova, 1, PageSize.SIZE_4K, moved, Permission.READ_WRITE,
                        Flush.FORGOTTEN));
                steps.add(new UnrequestedInvalidation(true, granularity << 60 | (long) did << 32));
                steps.add(dma);
                steps.add(new Invalidate(Invalidation.iotlbPage(did, iova, 0), Flush.LINUX));
            } else {
                steps.add(new Invalidate(Invalidation.contextDevice(did, source), Flush.LINUX));
                steps.add(dma);
                steps.add(new Attach(source, other, false, Flush.FORGOTTEN));
                steps.add(new UnrequestedInvalidation(false,
                        granularity << 61 | (long) source.value() << 16 | other));
                steps.add(dma);
                steps.add(new Attach(source, did, false, Flush.LINUX));
            }
            return new Probe(iotlb ? "iotlb-ivt-clear" : "ccmd-icc-clear", steps);
        };
    }

    // ---------------------------------------------------------------- FPD

    /** The reasons the FPD probe sets up; Bh is the one FPD does not qualify. */
    private static final List<String> FPD_REASONS = List.of("2h", "4h", "5h/6h", "7h", "Bh", "Ch", "Eh");

    static Gen<Command> fpd(GuestView view) {
        return tc -> {
            SourceId source = tc.draw(device(view));
            int did = domainOf(view, source);
            // the reasons at the ends of the qualified ranges twice as often
            String reason = FPD_REASONS.get(tc.draw(Gens.frequency(Gens.weighted(2, Gens.constant(0)),
                    Gens.weighted(1, Gens.constant(1)), Gens.weighted(1, Gens.constant(2)),
                    Gens.weighted(2, Gens.constant(3)), Gens.weighted(2, Gens.constant(4)),
                    Gens.weighted(2, Gens.constant(5)), Gens.weighted(2, Gens.constant(6)))));
            long iova = tc.draw(Draw.aligned(0x1000, 0x8000_0000L));
            long target = tc.draw(Draw.aligned(0x1000, 0xC000_0000L));
            int level = tc.draw(Gens.ints(0, 3));
            Access access = tc.draw(Gens.elements(Access.READ, Access.WRITE));
            boolean rootless = tc.draw(Gens.booleans());
            Domain domain = view.domains().get(did);
            int levels = domain == null ? 3 : domain.levels();
            long table = domain == null ? 0 : domain.table();
            long low = Encoding.contextEntryLow(table, Encoding.TT_UNTRANSLATED, true, true);
            long high = Encoding.contextEntryHigh(Encoding.addressWidthField(levels), did);
            MapRange map = new MapRange(did, iova, 1, PageSize.SIZE_4K, target, Permission.READ_WRITE, Flush.LINUX);
            Invalidate psi = new Invalidate(Invalidation.iotlbPage(did, iova, 0), Flush.LINUX);
            long address = iova;
            List<Command> steps = new ArrayList<>();
            List<Command> undo = new ArrayList<>();
            steps.add(handler(view));
            switch (reason) {
                case "2h":
                    steps.add(new RawContext(source, low & ~1L, high, Flush.LINUX));
                    break;
                case "Bh":
                    // bits 11:4 of the low qword are reserved (§9.3)
                    steps.add(new RawContext(source, low | 1L << (4 + level), high, Flush.LINUX));
                    break;
                case "4h":
                    steps.add(new RawContext(source, low, high, Flush.LINUX));
                    address = 1L << (12 + 9 * levels);
                    break;
                case "5h/6h":
                    steps.add(new RawContext(source, low, high, Flush.LINUX));
                    steps.add(new MapRange(did, iova, 1, PageSize.SIZE_4K, target,
                            access == Access.READ ? Permission.WRITE : Permission.READ, Flush.LINUX));
                    undo.add(map);
                    break;
                case "7h": {
                    int at = 2 + level % (levels - 1);
                    steps.add(new RawContext(source, low, high, Flush.LINUX));
                    steps.add(map);
                    steps.add(new SetPteBits(did, iova, at, ProbeGens.BEYOND_MEMORY, true));
                    steps.add(psi);
                    undo.add(new SetPteBits(did, iova, at, ProbeGens.BEYOND_MEMORY, false));
                    undo.add(psi);
                    break;
                }
                case "Ch": {
                    int at = 1 + level % levels;
                    steps.add(new RawContext(source, low, high, Flush.LINUX));
                    steps.add(map);
                    steps.add(new SetPteBits(did, iova, at, 1L << 11, true));
                    steps.add(psi);
                    undo.add(new SetPteBits(did, iova, at, 1L << 11, false));
                    undo.add(psi);
                    break;
                }
                default:
                    steps.add(new RawContext(source, low, high, Flush.LINUX));
                    steps.add(new MapRange(did, iova, 1, PageSize.SIZE_4K, 0xFEE0_0000L + ((long) level << 12),
                            Permission.READ_WRITE, Flush.LINUX));
                    undo.add(map);
                    break;
            }
            steps.add(new Dma(source, address, access));
            if (rootless) {
                steps.add(new Dma(SourceId.of(ROOTLESS_BUS, 0, 0), iova, access));
            }
            steps.add(handler(view));
            steps.addAll(undo);
            steps.add(new Attach(source, did, false, Flush.LINUX));
            return new Probe("fpd " + reason, steps);
        };
    }
}
