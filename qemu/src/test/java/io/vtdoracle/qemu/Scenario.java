package io.vtdoracle.qemu;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Permission;
import io.vtdoracle.guest.Domain;
import io.vtdoracle.guest.GuestDriver;
import io.vtdoracle.guest.PageSize;
import io.vtdoracle.guest.Registers;
import io.vtdoracle.model.Ambiguity;
import io.vtdoracle.oracle.Oracle;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Builds conformance scenarios with the guest driver, and runs them through the judge. */
final class Scenario {

    static final long ARENA = 0x100000;
    static final int DID = 5;

    final QemuSetup qemu;
    final Capabilities capabilities;
    final GuestDriver guest;
    private final List<Operation> operations = new ArrayList<>();

    /** A scenario for {@code qemu}; the guest driver programs the capabilities its device reports. */
    Scenario(QemuSetup qemu) {
        this.qemu = qemu;
        this.capabilities = qemu.capabilities();
        this.guest = new GuestDriver(capabilities, ARENA);
    }

    /** The release series judged, e.g. "10.0". */
    String series() {
        return qemu.binary().version().series();
    }

    /** Takes what the guest driver issued so far. */
    Scenario drain() {
        operations.addAll(guest.drain());
        return this;
    }

    Scenario add(Operation operation) {
        drain();
        operations.add(operation);
        return this;
    }

    Scenario dma(long address, Access access) {
        return add(new Operation.DmaRequest(QemuUnit.EDU, address, access));
    }

    Scenario read(int offset, int size) {
        return add(new Operation.ReadRegister(offset, size));
    }

    Scenario readFault() {
        return read(Registers.FSTS, 4).read(Registers.FRCD, 8).read(Registers.FRCD + 8, 8);
    }

    Scenario clearFault() {
        return add(new Operation.WriteRegister(Registers.FRCD + 12, 4, 1L << 31));
    }

    Scenario readMemory(long address) {
        return add(new Operation.ReadMemory(address));
    }

    /** {@link KnownScenarios#translatedEdu}, drained. */
    Domain translatedEdu() {
        Domain domain = KnownScenarios.translatedEdu(guest);
        drain();
        return domain;
    }

    void map(Domain domain, long iova, long target, PageSize size, Permission permission) {
        guest.map(domain, iova, target, size, permission);
        drain();
    }

    List<Operation> operations() {
        drain();
        return List.copyOf(operations);
    }

    QemuJudge.Report judge() {
        return judge(Oracle.Judging.DEFAULT);
    }

    QemuJudge.Report judge(Oracle.Judging judging) {
        QemuJudge.Report report = QemuJudge.judge(qemu, operations(), judging);
        System.out.println(qemu + ": " + report.millis() + " ms, " + report.steps().size() + " steps");
        for (int i = 0; i < report.steps().size(); i++) {
            System.out.printf("  %3d %s%n", i, report.steps().get(i));
        }
        System.out.print(report);
        return report;
    }

    /** Judges and expects agreement. */
    QemuJudge.Report agrees() {
        QemuJudge.Report report = judge();
        assertThat(report.divergence()).as("QEMU should agree with the model:%n%s", report).isEmpty();
        return report;
    }

    /**
     * Judges a known divergence's scenario: where the known-divergences file says this QEMU shows {@code id}, the
     * divergence of this kind must come at the last operation and be named {@code id} (returned); where the file
     * says it is fixed, QEMU must agree (empty: a regression fails here).
     */
    java.util.Optional<QemuJudge.Divergence> knownDivergenceAtEnd(String id, QemuJudge.Kind kind) {
        KnownDivergences known = KnownDivergences.fromClassPath();
        KnownDivergences.Entry entry = known.entry(id)
                .orElseThrow(() -> new AssertionError("no entry " + id + " in the known-divergences file"));
        if (!entry.shownBy(qemu.binary().version())) {
            agrees();
            return java.util.Optional.empty();
        }
        QemuJudge.Divergence divergence = divergesAtEnd(kind);
        assertThat(known.match(divergence, qemu.binary().version())).as(divergence.toString()).contains(id);
        return java.util.Optional.of(divergence);
    }

    /**
     * Judges twice: by default QEMU agrees, its last step accepted only under {@code ambiguity}'s other reading;
     * judged strictly (the model's reading only) the last step diverges. Returns the strict divergence.
     */
    QemuJudge.Divergence agreesOnlyUnder(Ambiguity ambiguity) {
        QemuJudge.Report report = agrees();
        assertThat(report.acceptedUnder()).as(report.toString())
                .containsExactly("step " + (operations.size() - 1) + ": accepted under " + ambiguity.otherReading());
        return divergesAtEnd(QemuJudge.Kind.OUTCOME, Oracle.Judging.STRICT);
    }

    /** Judges and expects a divergence of this kind at the last operation. */
    QemuJudge.Divergence divergesAtEnd(QemuJudge.Kind kind) {
        return divergesAtEnd(kind, Oracle.Judging.DEFAULT);
    }

    QemuJudge.Divergence divergesAtEnd(QemuJudge.Kind kind, Oracle.Judging judging) {
        QemuJudge.Report report = judge(judging);
        assertThat(report.divergence()).as("expected a divergence, the judge found none:%n%s", report).isPresent();
        QemuJudge.Divergence divergence = report.divergence().get();
        assertThat(divergence.kind()).as(divergence.toString()).isEqualTo(kind);
        assertThat(divergence.index()).as(divergence.toString()).isEqualTo(operations.size() - 1);
        return divergence;
    }
}
