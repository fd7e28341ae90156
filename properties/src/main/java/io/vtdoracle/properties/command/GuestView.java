package io.vtdoracle.properties.command;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.guest.Domain;
import io.vtdoracle.guest.Encoding;
import io.vtdoracle.guest.GuestDriver;
import io.vtdoracle.guest.InvalidationPath;
import io.vtdoracle.guest.PageSize;
import io.vtdoracle.guest.Registers;
import io.vtdoracle.properties.generate.Universe;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * The guest (and VMM) as the generators see it: what is set up — capabilities, domains and their leaves, which
 * device is attached where, translation, queued invalidation, interrupt remapping, listeners — plus what is
 * pending invalidation and whether adversarial moves made the view untrustworthy. Commands {@link #run run}
 * through it and come out as {@link Operation}s, deterministically.
 */
public final class GuestView {

    /** Where the driver allocates table pages. */
    public static final long ARENA = 0x10_0000L;

    private Capabilities capabilities;
    private GuestHabit habit = GuestHabit.LINUX;
    private GuestDriver driver;
    /** The guest's scalable-mode tables; null in legacy mode. */
    private ScalableTables scalable;
    /** The 256-bit invalidation queue of a unit with ECAP.SMTS; null in legacy mode. */
    private ScalableQueue wideQueue;
    private final List<Operation> operations = new ArrayList<>();
    private final List<SyncScope> syncs = new ArrayList<>();
    private final TreeMap<Integer, Domain> domains = new TreeMap<>();
    private final Map<Integer, TreeMap<Long, PageSize>> leaves = new HashMap<>();
    private final TreeMap<SourceId, Integer> attached = new TreeMap<>();
    private final Set<SourceId> passThrough = new HashSet<>();
    private final Set<Integer> busesWithRoot = new HashSet<>();
    private final TreeMap<Integer, ListenerSpec> listeners = new TreeMap<>();
    private final DirtyTracker dirt = new DirtyTracker();
    private int nextListenerId = 1;
    private int statusData = 1;
    private boolean translation;
    private boolean queued;
    private boolean interruptRemapping;
    private boolean extendedInterrupts;
    private int interruptTableSize;
    private boolean compatibilityFormat;
    private boolean registersTainted;
    private boolean queueBroken;
    private boolean tablesTampered;

    /** Runs {@code command}: the operations it expands to, in order. */
    public List<Operation> run(Command command) {
        operations.clear();
        syncs.clear();
        command.issue(this);
        flush();
        return List.copyOf(operations);
    }

    /** The syncs the last command performed. */
    public List<SyncScope> syncs() {
        return List.copyOf(syncs);
    }

    // ---- set-up ----

    void powerOn(Capabilities value) {
        capabilities = value;
        driver = new GuestDriver(value, ARENA);
        scalable = value.scalableMode().supported() ? new ScalableTables(driver, value) : null;
        wideQueue = scalable != null ? new ScalableQueue(driver) : null;
    }

    /** Whether the guest programs scalable mode (the unit has ECAP.SMTS; Linux then uses it). */
    public boolean scalable() {
        return scalable != null;
    }

    ScalableTables scalableTables() {
        return scalable;
    }

    /** The GCMD bits the guest keeps set (a one-shot command is written with them, as Linux does). */
    private int globalCommand() {
        return (translation ? Registers.TE : 0) | (queued ? Registers.QIE : 0)
                | (interruptRemapping ? Registers.IRE : 0) | (compatibilityFormat ? Registers.CFI : 0);
    }

    /** Allocates the root table and latches it (TTM = 01b in scalable mode). */
    void setRootTable() {
        if (scalable != null) {
            scalable.setRootTable(globalCommand());
        } else {
            driver.setRootTable();
        }
    }

    /** Copies the root table to a fresh page and points RTADDR at it, not latched yet. */
    void prepareRootTable() {
        if (scalable != null) {
            scalable.moveRootTable();
            driver.writeRegister(Registers.RTADDR, 8, scalable.rootTable() | ScalableTables.TTM_SCALABLE);
        } else {
            driver.prepareRootTable();
        }
    }

    /** Latches RTADDR with SRTP. */
    void latchRootTable() {
        if (scalable != null) {
            driver.writeRegister(Registers.GCMD, 4, (globalCommand() | Registers.SRTP) & 0xFFFF_FFFFL);
        } else {
            driver.latchRootTable();
        }
    }

    void habit(GuestHabit value) {
        habit = value;
    }

    /** The order of programming the guest follows (drawn once per case, at power-on). */
    public GuestHabit habit() {
        return habit;
    }

    public boolean poweredOn() {
        return capabilities != null;
    }

    public Capabilities capabilities() {
        return capabilities;
    }

    GuestDriver driver() {
        return driver;
    }

    /** Issues an operation after the driver's pending ones. */
    void emit(Operation operation) {
        flush();
        operations.add(operation);
    }

    /** Takes the driver's pending operations, each register write followed by the driver's read-backs. */
    private void flush() {
        if (driver == null) {
            return;
        }
        for (Operation operation : driver.drain()) {
            operations.add(operation);
            if (operation instanceof Operation.WriteRegister write) {
                operations.addAll(ReadBacks.after(write, statusPage()));
            }
        }
    }

    // ---- domains and leaves ----

    Domain domain(int did) {
        return domains.computeIfAbsent(did, scalable != null ? scalable::createDomain : driver::createDomain);
    }

    /**
     * How a device attached to domain {@code did} is translated: "first-stage" or "second-stage" in scalable mode
     * (by the domain's tables), "legacy" otherwise.
     */
    public String stage(int did) {
        return scalable == null ? "legacy" : scalable.firstStage(did) ? "first-stage" : "second-stage";
    }

    public NavigableMap<Integer, Domain> domains() {
        return domains;
    }

    /** The leaves the guest mapped in domain {@code did}, by IOVA. */
    public NavigableMap<Long, PageSize> leaves(int did) {
        return leaves.computeIfAbsent(did, d -> new TreeMap<>());
    }

    /** Maps one leaf, first unmapping the leaves it overlaps (as Linux does before remapping). */
    void mapLeaf(int did, long iova, PageSize size, long target, io.vtdoracle.api.Permission permission) {
        unmapOverlapping(did, iova, iova + size.bytes() - 1);
        if (scalable != null && scalable.firstStage(did)) {
            scalable.mapFirstStage(domain(did), iova, target, size, permission);
        } else {
            driver.map(domain(did), iova, target, size, permission);
        }
        leaves(did).put(iova, size);
        dirt.leaves(did, iova, iova + size.bytes() - 1);
    }

    /** Unmaps every leaf of {@code did} meeting {@code first..last}. */
    void unmapOverlapping(int did, long first, long last) {
        NavigableMap<Long, PageSize> map = leaves(did);
        Map.Entry<Long, PageSize> before = map.lowerEntry(first);
        List<Long> hit = new ArrayList<>();
        if (before != null && before.getKey() + before.getValue().bytes() - 1 >= first) {
            hit.add(before.getKey());
        }
        hit.addAll(map.subMap(first, true, last, true).keySet());
        for (long iova : hit) {
            PageSize size = map.remove(iova);
            driver.unmap(domain(did), iova, size);
            dirt.leaves(did, iova, iova + size.bytes() - 1);
        }
    }

    // ---- devices ----

    public NavigableMap<SourceId, Integer> attached() {
        return attached;
    }

    public boolean isPassThrough(SourceId source) {
        return passThrough.contains(source);
    }

    /**
     * Writes {@code source}'s context entry: in legacy mode the 128-bit entry; in scalable mode {@code low} and
     * {@code high} are the 256-bit entry's words 0 and 1 (what Linux writes of it).
     */
    void writeContext(SourceId source, Integer did, boolean passThroughMode, long low, long high) {
        if (busesWithRoot.add(source.bus())) {
            dirt.bus(source.bus());
        }
        if (scalable != null) {
            long entry = scalable.contextEntry(source);
            driver.writeWord(entry + 8, high);
            driver.writeWord(entry, low);
        } else {
            driver.writeContext(source, low, high);
        }
        track(source, did, passThroughMode);
    }

    private void track(SourceId source, Integer did, boolean passThroughMode) {
        if (did == null) {
            attached.remove(source);
        } else {
            attached.put(source, did);
        }
        if (passThroughMode) {
            passThrough.add(source);
        } else {
            passThrough.remove(source);
        }
        dirt.context(source);
    }

    /** The root table moved (same entries): what the unit cached of every present bus is pending invalidation. */
    void rootsMoved() {
        busesWithRoot.forEach(dirt::bus);
    }

    /**
     * Scalable mode: points {@code source}'s RID_PASID entry at domain {@code did} (its first- or second-stage
     * tables, or pass-through), setting up the device's context entry and PASID tables the first time; a domain
     * switch rewrites the PASID entry (Linux: intel_pasid_setup_*, intel_pasid_replace_*).
     */
    void attachScalable(SourceId source, int did, boolean passThroughMode, InvalidationPath path) {
        if (busesWithRoot.add(source.bus())) {
            dirt.bus(source.bus());
        }
        boolean fresh = !scalable.hasPasidTable(source);
        Integer old = attached.get(source);
        boolean oldPageTables = old != null && !passThrough.contains(source) && !scalable.firstStage(old);
        long entry = scalable.pasidEntry(source);
        if (fresh && path != null) {
            // the context entry became present (Linux, caching mode: context_present_cache_flush)
            invalidate(Invalidation.contextDevice(0, source), path);
            invalidate(Invalidation.pasidCacheGlobal(), path);
            invalidate(Invalidation.iotlbDomain(did), path);
        }
        long[] words = passThroughMode ? scalable.passThroughEntry(did) : scalable.pasidEntryFor(domain(did));
        scalable.writeEntry(entry, words);
        dirt.pasidChanged(source, old, did);
        track(source, did, passThroughMode);
        if (path != null) {
            flushPasidEntry(old == null ? did : old, old == null
                    ? !passThroughMode && !scalable.firstStage(did) : oldPageTables, path);
        }
    }

    /** Scalable mode: tears down {@code source}'s RID_PASID entry, if it has one (intel_pasid_tear_down_entry). */
    void detachScalable(SourceId source, InvalidationPath path) {
        Integer old = attached.get(source);
        boolean oldPageTables = old != null && !passThrough.contains(source) && !scalable.firstStage(old);
        if (scalable.hasPasidTable(source)) {
            scalable.clearEntry(scalable.pasidEntry(source), 8);
        }
        dirt.pasidChanged(source, old, null);
        track(source, null, false);
        if (path != null) {
            flushPasidEntry(old == null ? 0 : old, oldPageTables, path);
        }
    }

    /**
     * Scalable mode, after a RID_PASID entry of domain {@code did} changed (Linux: pasid_flush_caches,
     * intel_pasid_flush_present): the PASID-cache for (DID, RID_PASID), then the IOTLB — domain-selective for an
     * entry with second-stage tables, a PASID-selective P_IOTLB for first stage or pass-through (§6.5.3.3).
     */
    void flushPasidEntry(int did, boolean secondStage, InvalidationPath path) {
        invalidate(Invalidation.pasidCachePasid(did), path);
        invalidate(secondStage ? Invalidation.iotlbDomain(did) : Invalidation.piotlbPasid(did), path);
    }

    /**
     * Scalable mode, after a change above the PASID-table entry (root-entry half, context entry; §6.5.3.3): the
     * device's context-cache entry, the PASID cache and domain {@code did}'s IOTLB.
     */
    void flushContext(SourceId source, int did, InvalidationPath path) {
        invalidate(Invalidation.contextDevice(did, source), path);
        invalidate(Invalidation.pasidCacheGlobal(), path);
        invalidate(Invalidation.iotlbDomain(did), path);
    }

    void attach(SourceId source, int did) {
        Domain domain = domain(did);
        writeContext(source, did, false,
                Encoding.contextEntryLow(domain.table(), Encoding.TT_UNTRANSLATED, false, true),
                Encoding.contextEntryHigh(Encoding.addressWidthField(domain.levels()), did));
    }

    // ---- invalidation ----

    // ---- the invalidation queue: the driver's 128-bit one, or the 256-bit one of a unit with ECAP.SMTS ----

    /** Allocates the queue and sets IQT and IQA, without enabling it (Linux: dmar_enable_qi). */
    void prepareQueue() {
        if (wideQueue != null) {
            wideQueue.prepare();
        } else {
            driver.prepareQueuedInvalidation();
        }
    }

    /** Writes {@code descriptor} at the tail and moves the tail past it. */
    void submit(long[] descriptor) {
        if (wideQueue != null) {
            wideQueue.submit(descriptor);
        } else {
            driver.submit(descriptor);
        }
    }

    /** Submits {@code descriptor} followed by a wait descriptor writing the status page (qi_submit_sync). */
    void submitAndWait(long[] descriptor) {
        if (wideQueue != null) {
            wideQueue.submitAndWait(descriptor);
        } else {
            driver.submitAndWait(descriptor);
        }
    }

    /** The queue slot the next descriptor goes to. */
    int queueTail() {
        return wideQueue != null ? wideQueue.tail() : driver.queueTail();
    }

    /** Performs {@code invalidation} through {@code path} (the register path when the queue is not set up). */
    void invalidate(Invalidation invalidation, InvalidationPath path) {
        boolean viaQueue = path == InvalidationPath.QUEUE && queueAddress() >= 0;
        int slot = queueTail();
        if (viaQueue) {
            submitAndWait(invalidation.descriptor());
        } else {
            invalidation.register().ifPresent(command -> {
                if (invalidation.kind() == Invalidation.Kind.IOTLB_PAGE) {
                    driver.writeRegister(Registers.IVA, 8,
                            Encoding.iva(invalidation.address(), invalidation.addressMask(), invalidation.hint()));
                }
                driver.writeRegister(invalidation.kind().isIotlbRegister() ? Registers.IOTLB : Registers.CCMD, 8,
                        command);
            });
        }
        boolean valid = !invalidation.kind().pageSelective()
                || invalidation.addressMask() <= capabilities.maxAddressMaskValue();
        if (viaQueue && !valid) {
            recoverQueue(slot);
        }
        boolean performed = valid && (viaQueue ? queued && !queueBroken
                : !queued && invalidation.register().isPresent());
        if (performed) {
            for (SyncScope scope : SyncScope.of(invalidation, Universe.DEVICES)) {
                syncs.add(scope);
                dirt.invalidated(scope, scalable != null && scalable.firstStage(scope.did()));
            }
        }
    }

    /**
     * Linux's recovery from an invalidation queue error (qi_check_fault): the descriptor at {@code slot} is
     * overwritten by a fence, FSTS.IQE cleared and the tail written again, so processing resumes.
     */
    void recoverQueue(int slot) {
        repairQueue(slot);
        resumeQueue();
    }

    /** The first half of Linux's recovery: the descriptor at {@code slot} overwritten by a fence. */
    void repairQueue(int slot) {
        if (wideQueue != null) {
            wideQueue.repair(slot);
            return;
        }
        long[] fence = Encoding.invalidationWait(false, false, false, 0, 0);
        long at = driver.queueAddress() + 16L * slot;
        driver.writeWord(at, fence[0]);
        driver.writeWord(at + 8, fence[1]);
    }

    /** The second half of Linux's recovery: FSTS.IQE cleared and the tail written again. */
    void resumeQueue() {
        if (wideQueue != null) {
            wideQueue.resume();
            return;
        }
        driver.writeRegister(Registers.FSTS, 4, Registers.IQE);
        driver.writeRegister(Registers.IQT, 8, (long) driver.queueTail() << 4);
    }

    /** The path Linux uses: the queue once it is enabled. */
    public InvalidationPath path() {
        return queued ? InvalidationPath.QUEUE : InvalidationPath.REGISTER;
    }

    int nextStatusData() {
        return statusData++;
    }

    // ---- global state ----

    void setTranslation(boolean on) {
        if (on) {
            driver.enableTranslation();
        } else {
            driver.disableTranslation();
        }
        if (translation != on) {
            syncs.add(SyncScope.translation());
        }
        translation = on;
    }

    public boolean translation() {
        return translation;
    }

    void setQueued(boolean value) {
        queued = value;
    }

    public boolean queued() {
        return queued;
    }

    void setInterruptRemapping(int sizeField, boolean extended) {
        interruptRemapping = true;
        interruptTableSize = sizeField;
        extendedInterrupts = extended;
    }

    public boolean interruptRemapping() {
        return interruptRemapping;
    }

    public int interruptTableSizeField() {
        return interruptTableSize;
    }

    public boolean extendedInterrupts() {
        return extendedInterrupts;
    }

    void setCompatibilityFormat(boolean value) {
        compatibilityFormat = value;
    }

    public boolean compatibilityFormat() {
        return compatibilityFormat;
    }

    public long rootTable() {
        return driver == null ? -1 : scalable != null ? scalable.rootTable() : driver.rootTableAddress();
    }

    public long interruptTable() {
        return driver == null ? -1 : driver.interruptTableAddress();
    }

    public long queueAddress() {
        return driver == null ? -1 : wideQueue != null ? wideQueue.base() : driver.queueAddress();
    }

    public long statusPage() {
        return driver == null ? -1 : wideQueue != null ? wideQueue.statusPage() : driver.statusPage();
    }

    // ---- listeners ----

    public NavigableMap<Integer, ListenerSpec> listeners() {
        return listeners;
    }

    public int nextListenerId() {
        return nextListenerId;
    }

    /** Registers {@code spec} if the contract accepts it (contract §7.5 refusals). */
    void listen(ListenerSpec spec) {
        nextListenerId = Math.max(nextListenerId, spec.id() + 1);
        boolean refused = listeners.containsKey(spec.id()) || spec.flags().isEmpty() || spec.first() > spec.last()
                || (spec.flags().contains(io.vtdoracle.api.ListenerFlag.MAP) && !capabilities.cachingMode())
                || (spec.flags().contains(io.vtdoracle.api.ListenerFlag.DEVICE_IOTLB_UNMAP)
                        && !capabilities.deviceTlb());
        emit(spec.operation());
        if (!refused) {
            listeners.put(spec.id(), spec);
        }
    }

    void unlisten(int id) {
        listeners.remove(id);
        emit(new Operation.UnregisterListener(new io.vtdoracle.api.ListenerId(id)));
    }

    void replay(int id) {
        emit(new Operation.Replay(new io.vtdoracle.api.ListenerId(id)));
        syncs.add(SyncScope.replay(id));
    }

    /** Whether device {@code source} has a listener that is told MAPs. */
    public boolean hasMapListener(SourceId source) {
        return listeners.values().stream()
                .anyMatch(l -> l.source().equals(source) && l.flags().contains(io.vtdoracle.api.ListenerFlag.MAP));
    }

    // ---- trust ----

    public DirtyTracker dirt() {
        return dirt;
    }

    void taintRegisters() {
        registersTainted = true;
    }

    /** A random register write may have changed what the view believes (TE, root, queue, IRTA). */
    public boolean registersTainted() {
        return registersTainted;
    }

    void breakQueue() {
        queueBroken = true;
    }

    public boolean queueBroken() {
        return queueBroken;
    }

    void tamperTables() {
        tablesTampered = true;
    }

    /** Raw writes to memory or garbage descriptors: what is cached is no longer tracked. */
    public boolean tablesTampered() {
        return tablesTampered;
    }
}
