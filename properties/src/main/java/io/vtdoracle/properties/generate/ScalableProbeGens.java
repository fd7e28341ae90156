package io.vtdoracle.properties.generate;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.ScalableMode;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.check.Gen;
import io.vtdoracle.check.Gens;
import io.vtdoracle.guest.Domain;
import io.vtdoracle.guest.PageSize;
import io.vtdoracle.properties.command.Attach;
import io.vtdoracle.properties.command.Command;
import io.vtdoracle.properties.command.Dma;
import io.vtdoracle.properties.command.Flush;
import io.vtdoracle.properties.command.GuestView;
import io.vtdoracle.properties.command.Invalidate;
import io.vtdoracle.properties.command.Invalidation;
import io.vtdoracle.properties.command.MapRange;
import io.vtdoracle.properties.command.Probe;
import io.vtdoracle.properties.command.RelocateRootTable;
import io.vtdoracle.properties.command.RepairPath;
import io.vtdoracle.properties.command.ScalableBits;
import io.vtdoracle.properties.command.ScalableBits.Structure;
import io.vtdoracle.properties.command.SetPteBits;
import java.util.ArrayList;
import java.util.List;

/**
 * Scalable-mode fault probes (docs/semantics.md §9.7): one fault reason set up on a device's path — RTADDR's TTM,
 * the root-entry half, the context entry, the PASID directory entry, the RID_PASID entry, the first- or
 * second-stage tables, the address — then (mostly) the invalidations Linux does, a DMA, and (mostly) the repair.
 * Like {@link ProbeGens}, every probe draws the same choices whatever the state.
 */
final class ScalableProbeGens {

    /** Bit 38 of a pointer: 256 GiB up, beyond guest memory, below both address widths. */
    private static final long BEYOND = ProbeGens.BEYOND_MEMORY;
    /** FPD: bit 1 of a PASID directory entry and of a PASID-table entry's w0 (§9.5, §9.6). */
    private static final long FPD = 1L << 1;

    /** What a probe damages, in the order of the walk (§9.2-§9.7). */
    enum Kind {
        TTM, ROOT_TABLE, ROOT_ABSENT, ROOT_RESERVED, CONTEXT_TABLE, CONTEXT_ABSENT, CONTEXT_RESERVED,
        RID_PASID, DIRECTORY, DIRECTORY_ABSENT, DIRECTORY_RESERVED, PASID_TABLE, PASID_ABSENT, PASID_RESERVED,
        PASID_INVALID, TOP_TABLE, LOWER_TABLE, ENTRY_ABSENT, ENTRY_RESERVED, ADDRESS, SUPERVISOR, READ_ONLY,
        WRITE_ONLY, WINDOW, PASS_THROUGH_ADDRESS
    }

    private ScalableProbeGens() {
    }

    /**
     * The faults the FPD probe sets up: from the context entry's P on, so that the faults a PASID-table or directory
     * entry's FPD does not govern (41h, 42h, 48h, 50h) are among them (§9.3 of the contract).
     */
    private static final Kind[] UNDER_FPD = java.util.Arrays.copyOfRange(Kind.values(), Kind.CONTEXT_ABSENT.ordinal(),
            Kind.values().length);

    /** Where the FPD probe sets FPD (bit 1, §9.5, §9.6) on the device's path before the fault. */
    enum FpdAt {
        PASID_ENTRY(Structure.PASID_ENTRY), PASID_DIRECTORY(Structure.PASID_DIRECTORY),
        BOTH(Structure.PASID_ENTRY, Structure.PASID_DIRECTORY);

        private final List<Structure> structures;

        FpdAt(Structure... structures) {
            this.structures = List.of(structures);
        }
    }

    static Gen<Command> fault(GuestView view) {
        return fault(view, Kind.values(), null);
    }

    /**
     * A fault probe under FPD = 1 in the device's PASID-table entry, its PASID directory entry or both, set first
     * with the PASID-cache and IOTLB invalidations a guest does after changing them, then a DMA to the probe's page
     * (so the fault may be found under a cached PASID-table entry), and cleared after the probe: every qualified
     * fault from the entry's step on goes unrecorded, the others are recorded (§9.3 of the contract).
     */
    static Gen<Command> faultUnderFpd(GuestView view) {
        return tc -> {
            FpdAt at = tc.draw(Gens.frequency(Gens.weighted(2, Gens.constant(FpdAt.PASID_ENTRY)),
                    Gens.weighted(2, Gens.constant(FpdAt.PASID_DIRECTORY)),
                    Gens.weighted(1, Gens.constant(FpdAt.BOTH))));
            return tc.draw(fault(view, UNDER_FPD, at));
        };
    }

    private static Gen<Command> fault(GuestView view, Kind[] kinds, FpdAt fpd) {
        return tc -> {
            Kind kind = tc.draw(Gens.elements(kinds));
            // a device of a first-stage or a second-stage domain, as drawn, where the unit has both
            String stage = tc.draw(Gens.elements("first-stage", "second-stage"));
            List<SourceId> devices = ProbeGens.translated(view);
            List<SourceId> staged = devices.stream().filter(d -> view.stage(view.attached().get(d)).equals(stage))
                    .toList();
            SourceId source = tc.draw(Draw.pick(staged.isEmpty() ? devices : staged, Universe.SOURCES.get(0)));
            Integer attached = view.attached().get(source);
            int did = attached == null ? Universe.DOMAINS.get(0) : attached;
            Domain domain = view.domains().get(did);
            int levels = domain == null ? 4 : domain.levels();
            boolean firstStage = view.stage(did).equals("first-stage");
            ScalableMode mode = view.capabilities().scalableMode();
            int aw = view.capabilities().addressWidth();
            long iova = tc.draw(Gens.elements(ProbeGens.PROBE_IOVAS));
            long address = iova + (tc.draw(Gens.longs(0, 0x3FF)) << 2);
            Access access = tc.draw(Gens.elements(Access.READ, Access.WRITE));
            int variant = tc.draw(Gens.ints(0, 15));
            int level = tc.draw(Gens.ints(0, 3));
            boolean forget = tc.draw(Draw.chance(0.1));
            boolean repair = tc.draw(Draw.usually(0.25));
            long target = tc.draw(Draw.aligned(0x1000, 0xC000_0000L));
            long outside = AdversarialGens.OUTSIDE_MEMORY + tc.draw(Draw.aligned(0x1000, 0x40_0000_0000L));
            Flush flush = forget ? Flush.FORGOTTEN : Flush.LINUX;
            MapRange map = new MapRange(did, iova, 1, PageSize.SIZE_4K, target, Permission.READ_WRITE, flush);
            Invalidate psi = new Invalidate(Invalidation.iotlbPage(did, iova, 0), Flush.LINUX);
            Command contexts = new Invalidate(Invalidation.contextGlobal(), Flush.LINUX);
            List<Command> steps = new ArrayList<>();
            List<Command> undo = new ArrayList<>();
            Command path = new RepairPath(source);
            switch (kind) {
                case TTM:
                case ROOT_TABLE: {
                    long root = view.rootTable();
                    // TTM 10b or 11b (§10.4.6: reserved → 30h) or a root table beyond memory (38h)
                    long rtaddr = kind == Kind.TTM ? root | (variant % 2 == 0 ? 0x800 : 0xC00) : outside | 0x400;
                    steps.add(new RelocateRootTable(rtaddr));
                    steps.add(contexts);
                    undo.add(new RelocateRootTable(root | 0x400));
                    undo.add(contexts);
                    undo.add(new Invalidate(Invalidation.iotlbGlobal(), Flush.LINUX));
                    break;
                }
                case ROOT_ABSENT:
                    steps.add(bits(Structure.ROOT, source, 0, 1, 0, flush));
                    undo.add(path);
                    break;
                case ROOT_RESERVED: {
                    long bit = variant % 2 == 0 ? 1L << (1 + variant % 11) : 1L << aw;
                    steps.add(bits(Structure.ROOT, source, 0, bit, bit, flush));
                    undo.add(path);
                    break;
                }
                case CONTEXT_TABLE:
                    steps.add(bits(Structure.ROOT, source, 0, BEYOND, BEYOND, flush));
                    undo.add(path);
                    break;
                case CONTEXT_ABSENT:
                    steps.add(bits(Structure.CONTEXT, source, 0, 1, 0, flush));
                    undo.add(path);
                    break;
                case CONTEXT_RESERVED: {
                    long[][] reserved = {{0, 1L << 5}, {0, 1L << 8}, {0, 1L << 3}, {0, 1L << 4}, {0, 1L << aw},
                        {1, 1L << 21}, {1, 1L << 63}, {2, 1L << variant}, {3, 1L << (63 - variant)},
                        {0, view.capabilities().deviceTlb() ? 1L << 6 : 1L << 2},
                        {1, mode.supervisorRequests() ? 1L << 40 : 1L << 20}};
                    long[] pick = reserved[(variant + level) % reserved.length];
                    steps.add(bits(Structure.CONTEXT, source, (int) pick[0], pick[1], pick[1], flush));
                    undo.add(path);
                    break;
                }
                case RID_PASID: {
                    // beyond the directory (48h), or PASID 64: the directory's entry 1, not present (51h)
                    long[] values = {0x8000, 0xFFFFF, 0x1_0000, 64};
                    steps.add(bits(Structure.CONTEXT, source, 1, 0xFFFFF, values[variant % 4], flush));
                    undo.add(path);
                    break;
                }
                case DIRECTORY:
                    steps.add(bits(Structure.CONTEXT, source, 0, BEYOND, BEYOND, flush));
                    undo.add(path);
                    break;
                case DIRECTORY_ABSENT:
                    steps.add(bits(Structure.PASID_DIRECTORY, source, 0, 1, 0, flush));
                    undo.add(path);
                    break;
                case DIRECTORY_RESERVED: {
                    long bit = variant < 10 ? 1L << (2 + variant) : 1L << aw;
                    steps.add(bits(Structure.PASID_DIRECTORY, source, 0, bit, bit, flush));
                    undo.add(path);
                    break;
                }
                case PASID_TABLE:
                    steps.add(bits(Structure.PASID_DIRECTORY, source, 0, BEYOND, BEYOND, flush));
                    undo.add(path);
                    break;
                case PASID_ABSENT:
                    steps.add(bits(Structure.PASID_ENTRY, source, 0, 1, 0, flush));
                    undo.add(new Attach(source, did, false, Flush.LINUX));
                    break;
                case PASID_RESERVED: {
                    long[][] reserved = {{0, 1L << (9 + variant % 3)}, {1, 1L << (16 + variant % 7)},
                        {2, 1L << (8 + variant % 4)}, {2, 1L << 1}, {2, 1L << 7},
                        {2, mode.supervisorRequests() ? 1L << 9 : 1L}, {3 + variant % 5, 1L << (variant * 4)},
                        firstStage ? new long[] {2, 1L << aw} : new long[] {0, 1L << aw}};
                    long[] pick = reserved[(variant + level) % reserved.length];
                    steps.add(bits(Structure.PASID_ENTRY, source, (int) pick[0], pick[1], pick[1], flush));
                    undo.add(new Attach(source, did, false, Flush.LINUX));
                    break;
                }
                case PASID_INVALID: {
                    // PGTT reserved or unsupported, a second-stage AW or first-stage FSPM the unit lacks (§9.6)
                    long[][] invalid = {{0, 0x1C0, 0}, {0, 0x1C0, 3 << 6}, {0, 0x1C0, 5 << 6}, {0, 0x1C0, 7 << 6},
                        {0, 0x1C0, (mode.firstStage() ? 2L : 1L) << 6}, {0, 0x1C, firstStage ? 0 : 3 << 2},
                        {2, 0xC, firstStage ? 2 << 2 : 0}, {0, 0x1C, aw == 39 ? 2 << 2 : 4 << 2}};
                    long[] pick = invalid[(variant + level) % invalid.length];
                    steps.add(bits(Structure.PASID_ENTRY, source, (int) pick[0], pick[1], pick[2], flush));
                    undo.add(new Attach(source, did, false, Flush.LINUX));
                    break;
                }
                case TOP_TABLE:
                    steps.add(bits(Structure.PASID_ENTRY, source, firstStage ? 2 : 0, BEYOND, BEYOND, flush));
                    undo.add(new Attach(source, did, false, Flush.LINUX));
                    break;
                case LOWER_TABLE: {
                    int at = 2 + level % (levels - 1);
                    steps.add(map);
                    steps.add(new SetPteBits(did, iova, at, BEYOND, true));
                    steps.add(psi);
                    undo.add(new SetPteBits(did, iova, at, BEYOND, false));
                    undo.add(psi);
                    break;
                }
                case ENTRY_ABSENT: {
                    int at = 1 + level % levels;
                    long bits = firstStage ? 1 : 3;
                    steps.add(map);
                    steps.add(new SetPteBits(did, iova, at, bits, false));
                    steps.add(psi);
                    undo.add(map);
                    break;
                }
                case ENTRY_RESERVED: {
                    int at = 1 + level % levels;
                    long bits = reservedPteBits(firstStage, at, levels, aw, variant, mode);
                    steps.add(at == 2 && firstStage && variant % 4 == 3
                            ? new MapRange(did, iova & ~0x1F_FFFFL, 1, PageSize.SIZE_2M, target & ~0x1F_FFFFL,
                                    Permission.READ_WRITE, flush) : map);
                    steps.add(new SetPteBits(did, iova, at, bits, true));
                    steps.add(psi);
                    undo.add(new SetPteBits(did, iova, at, bits, false));
                    undo.add(map);
                    break;
                }
                case ADDRESS: {
                    // non-canonical first-stage input (80h), beyond the second stage's AGAW (84h)
                    long[] addresses = {1L << 47, 0xFFFF_0000_0000_0000L, 1L << 56, 1L << aw, 1L << 48, -0x1000L};
                    address = addresses[variant % addresses.length] | (address & 0xFFF);
                    break;
                }
                case SUPERVISOR: {
                    int at = 1 + level % levels;
                    steps.add(map);
                    steps.add(new SetPteBits(did, iova, at, firstStage ? 1L << 2 : 3, false));
                    steps.add(psi);
                    undo.add(map);
                    break;
                }
                case READ_ONLY:
                    access = Access.WRITE;
                    steps.add(new MapRange(did, iova, 1, PageSize.SIZE_4K, target, Permission.READ, flush));
                    if (firstStage && variant % 2 == 1) {
                        steps.add(map);
                        steps.add(new SetPteBits(did, iova, 2 + level % (levels - 1), 1L << 1, false));
                        steps.add(psi);
                    }
                    undo.add(map);
                    break;
                case WRITE_ONLY:
                    access = Access.READ;
                    steps.add(new MapRange(did, iova, 1, PageSize.SIZE_4K, target, Permission.WRITE, flush));
                    undo.add(map);
                    break;
                case WINDOW:
                    steps.add(new MapRange(did, iova, 1, PageSize.SIZE_4K, 0xFEE0_0000L + ((long) variant << 12),
                            Permission.READ_WRITE, flush));
                    undo.add(map);
                    break;
                default:
                    // pass-through: an address beyond the host address width (83h)
                    steps.add(new Attach(source, did, true, flush));
                    address = (1L << aw) + (address & 0xF_FFFF);
                    undo.add(new Attach(source, did, false, Flush.LINUX));
                    break;
            }
            if (forget) {
                steps.removeIf(step -> step instanceof Invalidate);
            }
            steps.add(new Dma(source, address, access));
            if (repair) {
                steps.addAll(undo);
            }
            String purpose = "sm-" + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            if (fpd == null) {
                return new Probe(purpose, steps);
            }
            // a DMA before the damage: the PASID cache may hold the entry (and its FPDs) the fault is found under
            steps.add(0, new Dma(source, iova, access));
            for (Structure structure : fpd.structures) {
                steps.add(0, bits(structure, source, 0, FPD, FPD, Flush.LINUX));
                steps.add(bits(structure, source, 0, FPD, 0, Flush.LINUX));
            }
            return new Probe(purpose + "-under-fpd", steps);
        };
    }

    private static ScalableBits bits(Structure structure, SourceId source, int word, long mask, long value,
                                     Flush flush) {
        return new ScalableBits(structure, source, word, mask, value, flush);
    }

    /**
     * Reserved bits of a paging entry at level {@code at}: first stage — address bits 51:aw, PS at levels 4 and 5
     * and at level 3 without FS1GP, bit 13 of a 2 MiB leaf (§9.7); second stage — bits 11, 62, aw and 51 (§9.8).
     */
    private static long reservedPteBits(boolean firstStage, int at, int levels, int aw, int variant,
                                        ScalableMode mode) {
        if (!firstStage) {
            long[] reserved = {1L << 11, 1L << 62, 1L << Math.min(aw, 51), 1L << 51};
            return at == levels && variant % 4 == 3 ? 1L << 7 : reserved[variant % 4];
        }
        switch (variant % 4) {
            case 0:
                return 1L << aw;
            case 1:
                return 1L << 51;
            case 2:
                return at >= 4 || (at == 3 && !mode.firstStage1GiB()) ? 1L << 7 : 1L << (aw + 1);
            default:
                return at == 2 ? 1L << 13 : 1L << 7;
        }
    }
}
