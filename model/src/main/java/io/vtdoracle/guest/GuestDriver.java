package io.vtdoracle.guest;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.SourceId;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A guest driver that programs a remapping unit the way Linux's intel-iommu driver does: it allocates table
 * pages in guest memory, builds root, context and second-level tables, maps and unmaps, attaches devices to
 * domains, enables translation, queued invalidation and interrupt remapping, and invalidates through the
 * registers or the queue. It does not talk to a unit: it issues {@link Operation}s, which the caller
 * {@link #drain() drains} and applies to the units it drives. It remembers the words it wrote, so it can walk
 * its own tables.
 */
public final class GuestDriver {

    private static final long PAGE = 0x1000;

    private final Capabilities capabilities;
    private final List<Operation> issued = new ArrayList<>();
    private final Map<Long, Long> written = new HashMap<>();
    private final long arenaEnd;
    private long nextFreePage;
    private int globalCommand;
    private long rootTable = -1;
    private long queue = -1;
    private int queueTail;
    private int queueEntries;
    private long statusPage = -1;
    private long interruptTable = -1;

    /** A driver allocating its pages from {@code arenaBase} upwards, to the end of guest memory. */
    public GuestDriver(Capabilities capabilities, long arenaBase) {
        this.capabilities = capabilities;
        this.nextFreePage = (arenaBase + PAGE - 1) & ~(PAGE - 1);
        this.arenaEnd = capabilities.guestMemoryBytes();
    }

    /** The operations issued since the last drain, in order. */
    public List<Operation> drain() {
        List<Operation> result = List.copyOf(issued);
        issued.clear();
        return result;
    }

    /** A fresh zeroed page of guest memory (pages are never reused, so they need no clearing). */
    public long allocatePage() {
        return allocatePages(1);
    }

    /** {@code count} contiguous fresh pages. */
    public long allocatePages(int count) {
        long first = nextFreePage;
        if (first + count * PAGE > arenaEnd) {
            throw new IllegalStateException("guest driver out of table memory at 0x" + Long.toHexString(first));
        }
        nextFreePage += count * PAGE;
        return first;
    }

    public void writeWord(long address, long value) {
        written.put(address & ~7L, value);
        issued.add(new Operation.WriteMemory(address, value));
    }

    /** The word the driver last wrote at {@code address}, 0 if none. */
    public long readWord(long address) {
        return written.getOrDefault(address & ~7L, 0L);
    }

    public void writeRegister(int offset, int size, long value) {
        issued.add(new Operation.WriteRegister(offset, size, value));
    }

    // ---- root table and translation (Linux: iommu_set_root_entry, iommu_enable_translation) ----

    /** Allocates the root table, points RTADDR at it and latches it with SRTP. */
    public void setRootTable() {
        rootTable = allocatePage();
        writeRegister(Registers.RTADDR, 8, rootTable);
        writeRegister(Registers.GCMD, 4, (globalCommand | Registers.SRTP) & 0xFFFF_FFFFL);
    }

    /**
     * Moves the root table while the unit runs (as a kexec'd or kdump kernel, or a firmware handing over, does),
     * first step: copies the present root entries to a fresh page and points RTADDR at it. The unit keeps using
     * the latched table until {@link #latchRootTable()}; the caller then invalidates the context cache and the
     * IOTLB globally (§10.4.4).
     */
    public void prepareRootTable() {
        if (rootTable < 0) {
            throw new IllegalStateException("set the root table first");
        }
        long old = rootTable;
        long fresh = allocatePage();
        for (int bus = 0; bus < 256; bus++) {
            long low = readWord(old + 16L * bus);
            if ((low & 1) != 0) {
                writeWord(fresh + 16L * bus + 8, readWord(old + 16L * bus + 8));
                writeWord(fresh + 16L * bus, low);
            }
        }
        rootTable = fresh;
        writeRegister(Registers.RTADDR, 8, rootTable);
    }

    /** Latches RTADDR with SRTP. */
    public void latchRootTable() {
        writeRegister(Registers.GCMD, 4, (globalCommand | Registers.SRTP) & 0xFFFF_FFFFL);
    }

    public void enableTranslation() {
        setCommandBit(Registers.TE, true);
    }

    public void disableTranslation() {
        setCommandBit(Registers.TE, false);
    }

    private void setCommandBit(int bit, boolean value) {
        globalCommand = value ? globalCommand | bit : globalCommand & ~bit;
        writeRegister(Registers.GCMD, 4, globalCommand & 0xFFFF_FFFFL);
    }

    // ---- domains and second-level tables ----

    /** A domain with the address width of the unit (3 levels for 39 bits, 4 for 48). */
    public Domain createDomain(int did) {
        return createDomain(did, capabilities.addressWidth() == 39 ? 3 : 4);
    }

    public Domain createDomain(int did, int levels) {
        return new Domain(did, levels, allocatePage());
    }

    /** Maps one leaf: {@code iova} (aligned to {@code size}) to {@code target}, allocating missing tables. */
    public void map(Domain domain, long iova, long target, PageSize size, Permission permission) {
        long table = domain.table();
        for (int level = domain.levels(); level > size.level(); level--) {
            long slot = table + 8 * index(iova, level);
            long entry = readWord(slot);
            if ((entry & 3) == 0) {
                long next = allocatePage();
                writeWord(slot, Encoding.slPte(next, Permission.READ_WRITE, false));
                table = next;
            } else {
                table = entry & ~0xFFFL & ((1L << 52) - 1);
            }
        }
        writeWord(table + 8 * index(iova, size.level()),
                Encoding.slPte(target, permission, size != PageSize.SIZE_4K));
    }

    /** Clears the leaf of {@code size} at {@code iova}, if the tables above it exist. */
    public void unmap(Domain domain, long iova, PageSize size) {
        long table = domain.table();
        for (int level = domain.levels(); level > size.level(); level--) {
            long entry = readWord(table + 8 * index(iova, level));
            if ((entry & 3) == 0) {
                return;
            }
            table = entry & ~0xFFFL & ((1L << 52) - 1);
        }
        writeWord(table + 8 * index(iova, size.level()), 0);
    }

    private static long index(long iova, int level) {
        return (iova >>> (12 + 9 * (level - 1))) & 0x1FF;
    }

    // ---- context entries (Linux: domain_context_mapping_one, domain_context_clear_one) ----

    /** Points the context entry of {@code source} at {@code domain}'s tables (translation type 0). */
    public void attach(SourceId source, Domain domain) {
        writeContext(source, Encoding.contextEntryLow(domain.table(), Encoding.TT_UNTRANSLATED, false, true),
                Encoding.contextEntryHigh(Encoding.addressWidthField(domain.levels()), domain.did()));
    }

    /** Makes {@code source} pass-through (translation type 2) in domain {@code did}. */
    public void attachPassThrough(SourceId source, int did) {
        int levels = capabilities.addressWidth() == 39 ? 3 : 4;
        writeContext(source, Encoding.contextEntryLow(0, Encoding.TT_PASS_THROUGH, false, true),
                Encoding.contextEntryHigh(Encoding.addressWidthField(levels), did));
    }

    /** Clears the context entry of {@code source} (not present). */
    public void detach(SourceId source) {
        writeContext(source, 0, 0);
    }

    /** Writes a raw context entry for {@code source}, creating its bus's context table if needed. */
    public void writeContext(SourceId source, long low, long high) {
        long entry = contextTable(source.bus()) + 16L * source.devfn();
        writeWord(entry + 8, high);
        writeWord(entry, low);
    }

    private long contextTable(int bus) {
        if (rootTable < 0) {
            throw new IllegalStateException("set the root table first");
        }
        long root = readWord(rootTable + 16L * bus);
        if ((root & 1) != 0) {
            return root & ~0xFFFL;
        }
        long table = allocatePage();
        writeWord(rootTable + 16L * bus, Encoding.rootEntryLow(table, true));
        return table;
    }

    // ---- queued invalidation (Linux: dmar_enable_qi, qi_submit_sync) ----

    /** Allocates a one-page queue (256 descriptors), sets IQT to 0 and IQA, and enables queued invalidation. */
    public void enableQueuedInvalidation() {
        prepareQueuedInvalidation();
        startQueuedInvalidation();
    }

    /**
     * Allocates a one-page queue (256 descriptors) and sets IQT to 0 and IQA, without enabling it: descriptors
     * {@link #submit submitted} now wait in the queue until {@link #startQueuedInvalidation()}.
     */
    public void prepareQueuedInvalidation() {
        queue = allocatePage();
        statusPage = allocatePage();
        queueEntries = 256;
        queueTail = 0;
        writeRegister(Registers.IQT, 8, 0);
        writeRegister(Registers.IQA, 8, queue);
    }

    /** Sets GCMD.QIE: the unit then processes the descriptors between IQH and IQT. */
    public void startQueuedInvalidation() {
        setCommandBit(Registers.QIE, true);
    }

    /** Writes a descriptor at the tail and moves the tail past it. */
    public void submit(long[] descriptor) {
        if (queue < 0) {
            throw new IllegalStateException("set up queued invalidation first");
        }
        long slot = queue + 16L * queueTail;
        writeWord(slot, descriptor[0]);
        writeWord(slot + 8, descriptor[1]);
        queueTail = (queueTail + 1) % queueEntries;
        writeRegister(Registers.IQT, 8, (long) queueTail << 4);
    }

    /** Submits {@code descriptor} followed by a wait descriptor writing {@code 1} to the status page. */
    public void submitAndWait(long[] descriptor) {
        submit(descriptor);
        submit(Encoding.invalidationWait(true, false, false, 1, statusPage));
    }

    /** The root table the driver latched with SRTP, -1 before {@link #setRootTable()}. */
    public long rootTableAddress() {
        return rootTable;
    }

    /** The invalidation queue's base, -1 before {@link #enableQueuedInvalidation()}. */
    public long queueAddress() {
        return queue;
    }

    /** The queue slot the next {@link #submit(long[])} writes. */
    public int queueTail() {
        return queueTail;
    }

    /** The interrupt remapping table, -1 before {@link #enableInterruptRemapping(int, boolean)}. */
    public long interruptTableAddress() {
        return interruptTable;
    }

    /** The page the driver's wait descriptors write their status to. */
    public long statusPage() {
        return statusPage;
    }

    // ---- invalidation, by either path ----

    public void invalidateContextGlobal(InvalidationPath path) {
        invalidateContext(path, Encoding.contextGlobal(), Encoding.ccmd(1, 0, null, 0));
    }

    public void invalidateContextDomain(InvalidationPath path, int did) {
        invalidateContext(path, Encoding.contextDomain(did), Encoding.ccmd(2, did, null, 0));
    }

    public void invalidateContextDevice(InvalidationPath path, int did, SourceId source) {
        invalidateContextDevice(path, did, source, 0);
    }

    /** A device-selective invalidation with function mask {@code functionMask} (§10.4.7: FM 1-3 mask function bits). */
    public void invalidateContextDevice(InvalidationPath path, int did, SourceId source, int functionMask) {
        invalidateContext(path, Encoding.contextDevice(did, source, functionMask),
                Encoding.ccmd(3, did, source, functionMask));
    }

    private void invalidateContext(InvalidationPath path, long[] descriptor, long command) {
        if (path == InvalidationPath.QUEUE) {
            submitAndWait(descriptor);
        } else {
            writeRegister(Registers.CCMD, 8, command);
        }
    }

    public void invalidateIotlbGlobal(InvalidationPath path) {
        invalidateIotlb(path, Encoding.iotlbGlobal(), Encoding.iotlbCommand(1, 0), -1);
    }

    public void invalidateIotlbDomain(InvalidationPath path, int did) {
        invalidateIotlb(path, Encoding.iotlbDomain(did), Encoding.iotlbCommand(2, did), -1);
    }

    /** A page-selective invalidation of 2^{@code addressMask} pages from {@code address}. */
    public void invalidateIotlbPage(InvalidationPath path, int did, long address, int addressMask,
                                    boolean invalidationHint) {
        invalidateIotlb(path, Encoding.iotlbPage(did, address, addressMask, invalidationHint),
                Encoding.iotlbCommand(3, did), Encoding.iva(address, addressMask, invalidationHint));
    }

    private void invalidateIotlb(InvalidationPath path, long[] descriptor, long command, long iva) {
        if (path == InvalidationPath.QUEUE) {
            submitAndWait(descriptor);
        } else {
            if (iva >= 0) {
                writeRegister(Registers.IVA, 8, iva);
            }
            writeRegister(Registers.IOTLB, 8, command);
        }
    }

    // ---- interrupt remapping (Linux: intel_setup_irq_remapping, modify_irte) ----

    /** Allocates a table of 2^(sizeField+1) IRTEs, latches it with SIRTP and enables interrupt remapping. */
    public void enableInterruptRemapping(int sizeField, boolean extendedInterruptMode) {
        long entries = 1L << (sizeField + 1);
        interruptTable = allocatePages((int) Math.max(1, entries * 16 / PAGE));
        writeRegister(Registers.IRTA, 8, interruptTable | (extendedInterruptMode ? 1 << 11 : 0) | sizeField);
        writeRegister(Registers.GCMD, 4, (globalCommand | Registers.SIRTP) & 0xFFFF_FFFFL);
        setCommandBit(Registers.IRE, true);
    }

    /** Writes IRTE {@code index}: high qword first, then the low one with the present bit. */
    public void writeIrte(int index, long low, long high) {
        if (interruptTable < 0) {
            throw new IllegalStateException("enable interrupt remapping first");
        }
        long entry = interruptTable + 16L * index;
        writeWord(entry + 8, high);
        writeWord(entry, low);
    }

    public void enableCompatibilityFormat(boolean value) {
        setCommandBit(Registers.CFI, value);
    }
}
