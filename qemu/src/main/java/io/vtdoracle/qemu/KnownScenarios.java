package io.vtdoracle.qemu;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.ScalableMode;
import io.vtdoracle.guest.Domain;
import io.vtdoracle.guest.Encoding;
import io.vtdoracle.guest.GuestDriver;
import io.vtdoracle.guest.InvalidationPath;
import io.vtdoracle.guest.PageSize;
import io.vtdoracle.guest.Registers;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The minimal scenario of each known divergence edu and qtest can reach (docs/qemu-conformance.md,
 * "Divergences"), programmed by {@link GuestDriver} for the capabilities a QEMU reports, with edu at
 * {@link QemuUnit#EDU}. The divergence comes at the last operation. {@code KnownDivergencesTest} judges them on
 * every configured QEMU, {@code vtd-oracle qemu --export-repro DIR --known} writes them as qtest scripts, and the
 * document's list of them is generated from here.
 */
public final class KnownScenarios {

    /** Where the guest driver places its tables. */
    static final long ARENA = 0x100000;
    /** The domain of {@link #translatedEdu}. */
    static final int DID = 5;

    /** One known divergence's minimal scenario: the entry id, what it shows, the operations. */
    public record KnownScenario(String id, String title, List<Operation> operations) {
        public KnownScenario {
            operations = List.copyOf(operations);
        }
    }

    private KnownScenarios() {
    }

    /** Every scenario, for a unit with {@code capabilities}, in the document's order. */
    public static List<KnownScenario> all(Capabilities capabilities) {
        List<KnownScenario> all = new ArrayList<>();
        all.add(scenario(capabilities, "D1-read", "a DMA read hitting a cached write-only translation is translated,"
                + " no fault recorded", s -> {
                    Domain domain = translatedEdu(s.guest);
                    s.guest.map(domain, 0x10000, 0x500000, PageSize.SIZE_4K, Permission.WRITE);
                    s.dma(0x10000, Access.WRITE);
                    s.dma(0x10000, Access.READ);
                }));
        all.add(scenario(capabilities, "D1-write", "a DMA write hitting a cached read-only translation is dropped"
                + " silently", s -> {
                    Domain domain = translatedEdu(s.guest);
                    s.guest.map(domain, 0x10000, 0x500000, PageSize.SIZE_4K, Permission.READ);
                    s.dma(0x10000, Access.READ);
                    s.dma(0x10000, Access.WRITE);
                }));
        all.add(scenario(capabilities, "D3", "a 2 MiB leaf overlapping the interrupt window faults Eh where it"
                + " translates outside the window", s -> {
                    Domain domain = translatedEdu(s.guest);
                    s.guest.map(domain, 0x200000, 0xFEE00000L, PageSize.SIZE_2M, Permission.READ_WRITE);
                    s.dma(0x300000, Access.READ);
                }));
        all.add(scenario(capabilities, "D11-abort", "a wait descriptor with SW and IF aborts QEMU", s -> {
            translatedEdu(s.guest);
            s.guest.enableQueuedInvalidation();
            s.guest.submit(Encoding.invalidationWait(true, true, false, 1, s.guest.statusPage()));
        }));
        all.add(scenario(capabilities, "D11-neither", "a wait descriptor with neither SW nor IF sets IQE", s -> {
            translatedEdu(s.guest);
            s.guest.enableQueuedInvalidation();
            s.guest.submit(Encoding.invalidationWait(false, false, true, 0, 0));
            s.read(Registers.FSTS, 4);
        }));
        all.add(scenario(capabilities, "D18", "a compatibility-format interrupt is forwarded although remapping is on"
                + " and CFIS = 0", s -> {
                    s.guest.enableInterruptRemapping(7, false);
                    s.msi(0xFEE01000L, 0x30);
                }));
        all.add(scenario(capabilities, "D18-cfis", "GCMD.CFI is not implemented: GSTS.CFIS stays 0", s -> {
            s.guest.enableInterruptRemapping(7, false);
            s.guest.enableCompatibilityFormat(true);
            s.read(Registers.GSTS, 4);
        }));
        all.add(scenario(capabilities, "D19", "an interrupt-remapping fault is not recorded", s -> {
            s.guest.enableInterruptRemapping(7, false);
            s.msi(Encoding.remappableAddress(3, false), 0);
        }));
        all.add(scenario(capabilities, "D22-IVA", "IVA is write-only", s -> {
            s.guest.writeRegister(Registers.IVA, 8, 0x5000 | 3);
            s.read(Registers.IVA, 8);
        }));
        all.add(scenario(capabilities, "D22-CCMD", "CCMD's source-id field is write-only", s -> {
            s.guest.writeRegister(Registers.CCMD, 4, 0x00200005);
            s.read(Registers.CCMD, 4);
        }));
        all.add(scenario(capabilities, "D24", "IRTE bus-range source validation (SVT 2) checked the other way round",
                s -> {
                    s.guest.enableInterruptRemapping(7, false);
                    s.guest.writeIrte(5, Encoding.irteLow(true, false, false, false, false, 0, 0x42,
                            Encoding.xapicDestination(1)), Encoding.irteHigh(0x0100, 0, Encoding.SVT_BUS_RANGE));
                    s.msi(Encoding.remappableAddress(5, false), 0);
                }));
        all.add(scenario(capabilities, "D25", "the IRTE's IM bit (15, reserved with ECAP.PI = 0) is not checked",
                s -> {
                    s.guest.enableInterruptRemapping(7, false);
                    s.guest.writeIrte(5, Encoding.irteLow(true, false, false, false, false, 0, 0x42,
                            Encoding.xapicDestination(1)) | 1L << 15, Encoding.irteHigh(0, 0, Encoding.SVT_NONE));
                    s.msi(Encoding.remappableAddress(5, false), 0);
                }));
        all.add(scenario(capabilities, "N4", "an 8-byte write of FECTL and FEDATA aborts QEMU", s ->
                s.guest.writeRegister(Registers.FECTL, 8, 0)));
        all.add(scenario(capabilities, "N5", "a device-TLB invalidation descriptor with ECAP.DT = 0 is processed",
                s -> {
                    s.guest.enableQueuedInvalidation();
                    s.guest.submit(Encoding.deviceTlb(QemuUnit.EDU, 0, false));
                    s.read(Registers.FSTS, 4);
                }));
        all.add(scenario(capabilities, "N9", "a descriptor with the upper type field (bits 11:9) set is processed",
                s -> {
                    s.guest.enableQueuedInvalidation();
                    long[] iec = Encoding.interruptEntryCacheGlobal();
                    s.guest.submit(new long[] {iec[0] | 1L << 9, iec[1]});
                    s.read(Registers.FSTS, 4);
                }));
        all.addAll(scalable(capabilities.scalableMode()));
        return List.copyOf(all);
    }

    /**
     * The scalable-mode scenarios a unit with {@code mode} can run (S1–S14 of docs/divergences.md but S7, now
     * ambiguity A7; S9 in legacy mode, its scalable-mode half being A8): those of the second stage with ECAP.SLTS
     * ({@code x-scalable-mode=on}), those of the first stage with ECAP.FLTS ({@code x-flts=on}); none for a unit
     * without scalable mode.
     */
    private static List<KnownScenario> scalable(ScalableMode mode) {
        List<KnownScenario> all = new ArrayList<>();
        long passThrough = ScalableTables.PASS_THROUGH | ScalableTables.AW39;
        long secondStage = ScalableTables.SS_TOP | ScalableTables.SECOND_STAGE | ScalableTables.AW39;
        long iova = 0x3000;
        if (mode.secondStage()) {
            all.add(new KnownScenario("S1", "a second-stage entry with R = W = 0 is recorded as 6h, not 79h",
                    tables().device(secondStage | ScalableTables.P, 0).secondStageMap(iova, 0x9000, 0).enable(1)
                            .dma(iova, Access.READ).operations()));
            all.add(new KnownScenario("S2", "RTADDR.TTM = 11b (reserved) is taken as scalable mode",
                    tables().device(passThrough | ScalableTables.P, 0).enable(3).dma(iova, Access.READ)
                            .operations()));
            all.add(new KnownScenario("S3", "a not-present PASID-table entry's FPD does not silence its fault",
                    tables().device(passThrough | ScalableTables.FPD, 0).enable(1).dma(iova, Access.READ)
                            .operations()));
            all.add(new KnownScenario("S14", "a not-present PASID-table entry of type 000b faults 5Bh, not 59h",
                    tables().device(ScalableTables.AW39, 0).enable(1).dma(iova, Access.READ).operations()));
            all.add(new KnownScenario("S5", "the context entry's PASIDE (reserved without ECAP.PASID) is not checked",
                    tables().device(passThrough | ScalableTables.P, 0)
                            .context(ScalableTables.DIRECTORY | 1L << 3 | ScalableTables.P, 0).enable(1)
                            .dma(iova, Access.READ).operations()));
            all.add(new KnownScenario("S6", "QEMU 7.2 records a not-present PASID-directory entry as 58h",
                    tables().device(passThrough | ScalableTables.P, 0)
                            .memory(ScalableTables.DIRECTORY, ScalableTables.PASID_TABLE).enable(1)
                            .dma(iova, Access.READ).operations()));
            all.add(new KnownScenario("S8", "the record of a second-stage fault of a request without PASID says"
                    + " PP = 1", tables().device(secondStage | ScalableTables.P, 0)
                            .secondStageMap(iova, 0xFEE0_0000L, 3).enable(1).dma(iova, Access.READ)
                            .read(Registers.FRCD + 8, 8).operations()));
            long legacyContext = ScalableTables.CONTEXT + QemuUnit.EDU.devfn() * 16L;
            all.add(new KnownScenario("S9", "SNP (bit 11) of a legacy-mode second-level leaf is not reserved",
                    tables().memory(ScalableTables.ROOT, ScalableTables.CONTEXT | ScalableTables.P)
                            .memory(legacyContext, ScalableTables.SS_TOP | ScalableTables.P)
                            .memory(legacyContext + 8, 1 | ScalableTables.DID << 8)
                            .secondStageMap(iova, 0x9000 | 1L << 11, 3).enable(0).dma(iova, Access.READ)
                            .operations()));
            all.add(new KnownScenario("S12", "a legacy-mode translation into the interrupt window faults 87h, not Eh",
                    tables().memory(ScalableTables.ROOT, ScalableTables.CONTEXT | ScalableTables.P)
                            .memory(legacyContext, ScalableTables.SS_TOP | ScalableTables.P)
                            .memory(legacyContext + 8, 1 | ScalableTables.DID << 8)
                            .secondStageMap(iova, 0xFEE0_0000L, 3).enable(0).dma(iova, Access.READ).operations()));
            all.add(new KnownScenario("S10", "QEMU 7.2 refuses a pass-through PASID-table entry with AW = 0 (58h)",
                    tables().device(ScalableTables.PASS_THROUGH | ScalableTables.P, 0).enable(1)
                            .dma(iova, Access.READ).operations()));
            all.add(new KnownScenario("S11", "QEMU 7.2 walks a nested PASID-table entry (PGTT 011b) as second stage",
                    tables().device(ScalableTables.NESTED | ScalableTables.AW39 | ScalableTables.P, 0).enable(1)
                            .dma(iova, Access.READ).operations()));
        }
        if (mode.firstStage()) {
            long firstStage = ScalableTables.FIRST_STAGE | ScalableTables.P;
            long userWritable = ScalableTables.US | ScalableTables.RW;
            all.add(new KnownScenario("S4", "a write through the IOTLB entry a read filled does not set D",
                    tables().device(firstStage, ScalableTables.FS_TOP).firstStageMap(iova, 0x9000, userWritable)
                            .enable(1).dma(iova, Access.READ).dma(iova, Access.WRITE)
                            .readMemory(ScalableTables.firstStageEntry(iova, 1)).operations()));
        }
        return all;
    }

    private static ScalableTables tables() {
        return new ScalableTables(QemuUnit.EDU);
    }

    /** The usual set-up alone ({@link #translatedEdu}), which several scenarios start with. */
    public static List<Operation> translatedEduSetUp(Capabilities capabilities) {
        Steps steps = new Steps(new GuestDriver(capabilities, ARENA));
        translatedEdu(steps.guest);
        return steps.operations();
    }

    /** The scenario of {@code id}. */
    public static java.util.Optional<KnownScenario> of(String id, Capabilities capabilities) {
        return all(capabilities).stream().filter(s -> s.id().equals(id)).findFirst();
    }

    private static KnownScenario scenario(Capabilities capabilities, String id, String title, Consumer<Steps> program) {
        Steps steps = new Steps(new GuestDriver(capabilities, ARENA));
        program.accept(steps);
        return new KnownScenario(id, title, steps.operations());
    }

    /** The guest driver's operations, and the requests and reads a scenario adds between them. */
    private static final class Steps {
        final GuestDriver guest;
        private final List<Operation> operations = new ArrayList<>();

        Steps(GuestDriver guest) {
            this.guest = guest;
        }

        void add(Operation operation) {
            operations.addAll(guest.drain());
            operations.add(operation);
        }

        void dma(long address, Access access) {
            add(new Operation.DmaRequest(QemuUnit.EDU, address, access));
        }

        void msi(long address, int data) {
            add(new Operation.InterruptRequest(QemuUnit.EDU, address, data));
        }

        void read(int offset, int size) {
            add(new Operation.ReadRegister(offset, size));
        }

        List<Operation> operations() {
            operations.addAll(guest.drain());
            return operations;
        }
    }

    /**
     * The usual set-up: root table, domain {@value #DID} with the capabilities' page-table levels attached to
     * edu, global context and IOTLB invalidation by register, translation enabled.
     */
    static Domain translatedEdu(GuestDriver guest) {
        guest.setRootTable();
        Domain domain = guest.createDomain(DID);
        guest.attach(QemuUnit.EDU, domain);
        guest.invalidateContextGlobal(InvalidationPath.REGISTER);
        guest.invalidateIotlbGlobal(InvalidationPath.REGISTER);
        guest.enableTranslation();
        return domain;
    }
}
