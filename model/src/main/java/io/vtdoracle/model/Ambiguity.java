package io.vtdoracle.model;

import io.vavr.collection.List;

/**
 * The points where the VT-d specification, as far as it can be read, does not decide what a unit shows, and the
 * model admits every defensible reading (docs/ambiguities.md gives the question, the readings and the evidence
 * for each). The model's own behaviour follows the preferred reading; a behaviour that only another reading
 * admits carries that {@link Reading}, so a verdict can say "accepted under ambiguity A1 (reading: permission
 * first)" and a strict judge can refuse it.
 */
public enum Ambiguity {

    /** A second-level entry that lacks the request's right and has a reserved bit set (Ch or 5h/6h). */
    A1("reserved bits or permission first in a second-level walk", "reserved bits first", "permission first",
            "§3.7", "§7.1.3", "§9.8"),
    /** IQA written while queued invalidation is enabled, or with a base above the host address width. */
    A2("IQA written while queued invalidation is enabled or beyond HAW", "write taken", "write not taken",
            "§6.5.2", "§10.4.22"),
    /** FEUADDR and IEUADDR of a unit without extended interrupt mode (ECAP.EIM = 0). */
    A3("FEUADDR and IEUADDR without extended interrupt mode", "read/write", "reserved, reads 0",
            "§10.4.13", "§10.4.28"),
    /** A register-based invalidation command while queued invalidation is enabled. */
    A4("register-based invalidation while queued invalidation is enabled", "rejected (ICC/IVT cleared, CAIG/IAIG 0)",
            "left pending (ICC/IVT stay set)", "§6.5.2", "§10.4.7", "§10.4.8"),
    /**
     * A page-selective invalidation inside a cleared (not-present) non-leaf entry: listeners synchronised over the
     * invalidated range only, or over the whole entry. Judged by the oracle's VFIO-effect comparison.
     */
    A5("a page-selective invalidation inside a cleared paging entry (listeners)", "the invalidated range",
            "the whole not-present entry", "§6.5.1.2", "§10.4.8.2", "contract §7.3"),
    /**
     * Bits 31:16 of FEDATA and IEDATA (EIMD, extended interrupt message data): valid only for a unit supporting
     * 32-bit interrupt data, which no capability field announces; a unit with 16-bit data treats them as reserved.
     */
    A6("FEDATA and IEDATA bits 31:16 (extended interrupt message data)", "32-bit interrupt data",
            "16-bit interrupt data (bits 31:16 reserved, read 0)", "§10.4.11", "§10.4.26"),
    /**
     * The A bits of a first-stage walk that faults below its top level: §3.6.2 has the unit set A in the entries
     * used to translate, and does not say whether a walk that then faults has used the entries above the fault.
     */
    A7("accessed flags of a first-stage walk that faults", "A set only by a walk that translates",
            "A set in the entries used before the fault", "§3.6.2", "§9.7"),
    /**
     * SNP (bit 11) of a scalable-mode second-stage leaf on a unit without Snoop Control (ECAP.SC = 0): reserved as
     * in legacy mode (§9.8), or not, scalable mode controlling snooping by the PASID-table entry's PGSNP (§3.9, §9.6).
     */
    A8("SNP of a scalable-mode second-stage leaf without Snoop Control", "reserved (SSS.3, 7Ah)",
            "not reserved", "§3.9", "§9.6", "§9.8");

    private final String question;
    private final String preferredReading;
    private final String otherReading;
    private final List<String> sections;

    Ambiguity(String question, String preferredReading, String otherReading, String... sections) {
        this.question = question;
        this.preferredReading = preferredReading;
        this.otherReading = otherReading;
        this.sections = List.of(sections);
    }

    /** What the specification leaves open. */
    public String question() {
        return question;
    }

    /** The reading the model follows on its own (its canonical behaviour). */
    public String preferredReading() {
        return preferredReading;
    }

    /** The other defensible reading, whose behaviours the model admits flagged with this ambiguity. */
    public Reading otherReading() {
        return new Reading(this, otherReading);
    }

    /** The specification sections the question turns on. */
    public List<String> sections() {
        return sections;
    }

    /** A reading of an open point other than the preferred one. */
    public record Reading(Ambiguity ambiguity, String name) {
        @Override
        public String toString() {
            return "ambiguity " + ambiguity.name() + " (reading: " + name + ")";
        }
    }
}
