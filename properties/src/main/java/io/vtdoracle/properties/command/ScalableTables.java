package io.vtdoracle.properties.command;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.ScalableMode;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.guest.Domain;
import io.vtdoracle.guest.GuestDriver;
import io.vtdoracle.guest.PageSize;
import io.vtdoracle.guest.Registers;
import java.util.HashMap;
import java.util.Map;

/**
 * The guest's scalable-mode tables, laid out and encoded as Linux's intel-iommu driver does (iommu.c, pasid.c): the
 * root table latched with TTM = 01b, root entries with a context table per half (devfn 0-127 low, 128-255 high),
 * 256-bit context entries of which Linux writes the low 128 bits (a one-page PASID directory, PDTS = 2, RID_PASID
 * 0), one PASID table per device holding the RID_PASID entry, first-stage tables for DMA domains where FLTS allows
 * and second-stage ones for the rest. Written through the {@link GuestDriver}'s memory writes, which it remembers;
 * this is the guest's own encoding (it shares no code with the model).
 */
final class ScalableTables {

    /** RTADDR.TTM = 01b: scalable-mode tables (§10.4.6). */
    static final long TTM_SCALABLE = 1L << 10;
    /** PASID-table entry PGTT values (§9.6). */
    static final int PGTT_FIRST_STAGE = 1;
    static final int PGTT_SECOND_STAGE = 2;
    static final int PGTT_PASS_THROUGH = 4;
    /** Linux's PDTS for a device without the PASID capability: a directory of one page (512 entries, §9.4). */
    static final int PDTS = 2;
    /** The domain that uses 5-level first-stage paging where CAP.FL5LP allows it (a guest with la57). */
    static final int FIVE_LEVEL_DOMAIN = 3;

    /** First-stage entry bits (§9.7): present, read/write, user/supervisor, page size, accessed, dirty. */
    static final long FS_P = 1;
    static final long FS_RW = 1 << 1;
    static final long FS_US = 1 << 2;
    static final long FS_A = 1 << 5;
    static final long FS_D = 1 << 6;
    static final long FS_PS = 1 << 7;

    private static final long PAGE_MASK = ~0xFFFL & ((1L << 52) - 1);
    /** A PASID-table entry's size in bytes (§9.6). */
    private static final int PASID_ENTRY_BYTES = 64;
    /** PASIDs one PASID table holds: those of a directory entry. */
    private static final int PASIDS_PER_TABLE = 64;

    private final GuestDriver driver;
    private final ScalableMode mode;
    private final int addressWidth;
    private final Map<Integer, Long> contextTables = new HashMap<>();
    private final Map<SourceId, Long> directories = new HashMap<>();
    private final Map<SourceId, Long> pasidTables = new HashMap<>();
    private long root = -1;

    ScalableTables(GuestDriver driver, Capabilities capabilities) {
        this.driver = driver;
        this.mode = capabilities.scalableMode();
        this.addressWidth = capabilities.addressWidth();
    }

    // ---- root table (Linux: iommu_set_root_entry with DMA_RTADDR_SMT) ----

    /** Allocates the root table, writes RTADDR with TTM = 01b and latches it with SRTP. */
    void setRootTable(int globalCommand) {
        root = driver.allocatePage();
        latch(globalCommand);
    }

    /** Points RTADDR (TTM = 01b) at the current root table and latches it with SRTP. */
    void latch(int globalCommand) {
        driver.writeRegister(Registers.RTADDR, 8, root | TTM_SCALABLE);
        driver.writeRegister(Registers.GCMD, 4, (globalCommand | Registers.SRTP) & 0xFFFF_FFFFL);
    }

    /** Copies the root entries (both halves) to a fresh page, which becomes the root table (not yet latched). */
    void moveRootTable() {
        long fresh = driver.allocatePage();
        for (int bus = 0; bus < 256; bus++) {
            for (int half = 0; half < 2; half++) {
                long word = driver.readWord(root + 16L * bus + 8L * half);
                if (word != 0) {
                    driver.writeWord(fresh + 16L * bus + 8L * half, word);
                }
            }
        }
        root = fresh;
    }

    long rootTable() {
        return root;
    }

    /** The root-entry half (§9.2) that holds {@code source}'s context table. */
    long rootHalf(SourceId source) {
        return root + 16L * source.bus() + (source.devfn() >= 128 ? 8 : 0);
    }

    // ---- context entries (Linux: context_entry_set_pasid_table) ----

    /** Where {@code source}'s 256-bit context entry is (§9.4), allocating its half's context table if needed. */
    long contextEntry(SourceId source) {
        Long table = contextTables.get(half(source));
        if (table == null) {
            table = driver.allocatePage();
            contextTables.put(half(source), table);
            driver.writeWord(rootHalf(source), table | 1);
        }
        return table + 32L * (source.devfn() & 0x7F);
    }

    private static int half(SourceId source) {
        return source.bus() * 2 + (source.devfn() >= 128 ? 1 : 0);
    }

    /** {@code source}'s PASID directory, allocated (entry 0 present) with its context entry on first use. */
    long pasidDirectory(SourceId source) {
        Long directory = directories.get(source);
        if (directory != null) {
            return directory;
        }
        long fresh = driver.allocatePage();
        long table = driver.allocatePage();
        driver.writeWord(fresh, table | 1);
        directories.put(source, fresh);
        pasidTables.put(source, table);
        long context = contextEntry(source);
        driver.writeWord(context + 8, 0);
        driver.writeWord(context, fresh | (long) PDTS << 9 | 1);
        return fresh;
    }

    /** The RID_PASID entry (PASID 0) of {@code source}'s PASID table, the tables allocated if needed. */
    long pasidEntry(SourceId source) {
        pasidDirectory(source);
        return pasidTables.get(source);
    }

    /**
     * The entry of PASID {@code pasid} in {@code source}'s PASID tables (§9.6: 64-byte entries, 64 per table, one
     * table per directory entry), the tables allocated and the directory entry made present if needed.
     */
    long pasidEntry(SourceId source, int pasid) {
        return pasidTable(source, pasid / PASIDS_PER_TABLE) + (long) PASID_ENTRY_BYTES * (pasid % PASIDS_PER_TABLE);
    }

    /**
     * The PASID table of {@code source}'s directory entry {@code index} (PASIDs 64·index to 64·index + 63): that of
     * the RID_PASID for entry 0, otherwise the entry's table, allocated and the entry made present if it is not.
     */
    long pasidTable(SourceId source, int index) {
        long directory = pasidDirectory(source);
        if (index == 0) {
            return pasidTables.get(source);
        }
        long entry = driver.readWord(directory + 8L * index);
        if ((entry & 1) != 0) {
            return entry & PAGE_MASK;
        }
        long table = driver.allocatePage();
        driver.writeWord(directory + 8L * index, table | 1);
        return table;
    }

    /** Whether {@code source} has its PASID table (its context entry was set up). */
    boolean hasPasidTable(SourceId source) {
        return pasidTables.containsKey(source);
    }

    /**
     * Rewrites what the guest laid out on {@code source}'s path above its PASID-table entry where it differs: the
     * root-entry half, the context entry (all four words) and the directory entry (a guest repairing damage).
     */
    void repairPath(SourceId source) {
        long context = contextEntry(source);
        long root = contextTables.get(half(source)) | 1;
        if (driver.readWord(rootHalf(source)) != root) {
            driver.writeWord(rootHalf(source), root);
        }
        long directory = pasidDirectory(source);
        writeEntry(context, new long[] {directory | (long) PDTS << 9 | 1, 0, 0, 0});
        long entry = pasidTables.get(source) | 1;
        if (driver.readWord(directory) != entry) {
            driver.writeWord(directory, entry);
        }
    }

    // ---- PASID-table entries (Linux: intel_pasid_setup_*, intel_pasid_replace_*, intel_pasid_tear_down_entry) ----

    /** The RID_PASID entry for {@code domain}: second stage, first stage (by the domain's stage) (§9.6). */
    long[] pasidEntryFor(Domain domain) {
        long[] words = new long[8];
        int aw = agaw();
        words[1] = domain.did() & 0xFFFF;
        if (firstStage(domain.did())) {
            words[0] = (long) PGTT_FIRST_STAGE << 6 | (long) aw << 2 | 1;
            words[2] = domain.table() | (domain.levels() == 5 ? 1L << 2 : 0);
        } else {
            words[0] = domain.table() | (long) PGTT_SECOND_STAGE << 6 | (long) (domain.levels() - 2) << 2 | 1;
        }
        return words;
    }

    /** A pass-through RID_PASID entry in domain {@code did} (Linux: intel_pasid_setup_pass_through). */
    long[] passThroughEntry(int did) {
        long[] words = new long[8];
        words[0] = (long) PGTT_PASS_THROUGH << 6 | (long) agaw() << 2 | 1;
        words[1] = did & 0xFFFF;
        return words;
    }

    /** Writes the words of the entry at {@code entry} that differ from {@code words}: word 0 (P) last. */
    void writeEntry(long entry, long[] words) {
        for (int w = 1; w < words.length; w++) {
            if (driver.readWord(entry + 8L * w) != words[w]) {
                driver.writeWord(entry + 8L * w, words[w]);
            }
        }
        driver.writeWord(entry, words[0]);
    }

    /** Clears the entry at {@code entry} as Linux tears one down: word 0 (P) first, then every other set word. */
    void clearEntry(long entry, int wordCount) {
        driver.writeWord(entry, 0);
        for (int w = 1; w < wordCount; w++) {
            if (driver.readWord(entry + 8L * w) != 0) {
                driver.writeWord(entry + 8L * w, 0);
            }
        }
    }

    /** The AW field for the unit's address width (3 levels for 39 bits, 4 for 48). */
    private int agaw() {
        return addressWidth == 39 ? 1 : 2;
    }

    // ---- domains ----

    /** Whether domain {@code did} uses first-stage tables: FLTS only, or both stages and not domain 2. */
    boolean firstStage(int did) {
        return mode.firstStage() && (!mode.secondStage() || did != 2);
    }

    /** A fresh domain: first stage with 4 levels (5 for {@link #FIVE_LEVEL_DOMAIN} with FL5LP), or second stage. */
    Domain createDomain(int did) {
        int levels = firstStage(did) ? (mode.firstStage5Level() && did == FIVE_LEVEL_DOMAIN ? 5 : 4)
                : addressWidth == 39 ? 3 : 4;
        return new Domain(did, levels, driver.allocatePage());
    }

    /**
     * Maps one first-stage leaf as Linux's __domain_mapping does for a first-level domain: tables P, R/W, U/S and A;
     * the leaf P, U/S, A, PS above level 1, R/W and D for a writable mapping (a first-stage entry cannot be
     * write-only or inaccessible while present).
     */
    void mapFirstStage(Domain domain, long iova, long target, PageSize size, Permission permission) {
        long table = domain.table();
        for (int level = domain.levels(); level > size.level(); level--) {
            long slot = table + 8 * index(iova, level);
            long entry = driver.readWord(slot);
            if ((entry & FS_P) == 0) {
                long next = driver.allocatePage();
                driver.writeWord(slot, next | FS_P | FS_RW | FS_US | FS_A);
                table = next;
            } else {
                table = entry & PAGE_MASK;
            }
        }
        long leaf = (target & PAGE_MASK) | FS_P | FS_US | FS_A | (size != PageSize.SIZE_4K ? FS_PS : 0)
                | (permission.canWrite() ? FS_RW | FS_D : 0);
        driver.writeWord(table + 8 * index(iova, size.level()), leaf);
    }

    private static long index(long iova, int level) {
        return (iova >>> (12 + 9 * (level - 1))) & 0x1FF;
    }
}
