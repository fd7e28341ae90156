package io.vtdoracle.vectors;

/** The groups of the vector set, after the chapters of the VT-d specification (and the contract's listeners). */
public enum Chapter {
    REGISTERS("registers", "Registers and global commands (§10.4)"),
    ROOT_CONTEXT("root-context", "Root and context entries (§3.4, §9.1-§9.4)"),
    PAGING("paging", "Second-level translation (§3.6-§3.7, §9.8)"),
    FAULTS("faults", "Fault conditions, recording and events (§7)"),
    INVALIDATION("invalidation", "Caches and invalidation (§6)"),
    INTERRUPT_REMAPPING("interrupt-remapping", "Interrupt remapping (§5, §9.10)"),
    LISTENERS("listeners", "Listeners, as VFIO uses them (docs/semantics.md §7)");

    private final String directory;
    private final String title;

    Chapter(String directory, String title) {
        this.directory = directory;
        this.title = title;
    }

    /** The chapter's name in ids and paths, e.g. "paging". */
    public String directory() {
        return directory;
    }

    public String title() {
        return title;
    }

    /** The chapter named {@code directory}, or none. */
    public static java.util.Optional<Chapter> named(String directory) {
        for (Chapter chapter : values()) {
            if (chapter.directory.equals(directory)) {
                return java.util.Optional.of(chapter);
            }
        }
        return java.util.Optional.empty();
    }
}
