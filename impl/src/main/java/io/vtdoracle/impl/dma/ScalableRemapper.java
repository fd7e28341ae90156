package io.vtdoracle.impl.dma;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.impl.cache.ContextCache;
import io.vtdoracle.impl.cache.Iotlb;
import io.vtdoracle.impl.cache.IotlbTag;
import io.vtdoracle.impl.cache.PasidCache;
import io.vtdoracle.impl.memory.GuestMemory;
import io.vtdoracle.impl.table.PasidEntry;
import io.vtdoracle.impl.table.ScalableContextEntry;
import io.vtdoracle.impl.table.SlPte;

/**
 * Scalable-mode translation of a request without PASID (contract §9.2 – §9.7, §9.9): the context entry (cached or
 * read fresh), its RID_PASID's PASID-table entry (cached or read fresh), then the IOTLB, or pass-through, the second
 * stage or the first stage as the entry's PGTT says; each fault recorded unless an FPD governing it is set. It
 * allocates nothing.
 *
 * <p>What is cached: a context entry read valid (by source-id, until a context-cache invalidation covers it); the
 * PASID-table entry of a source-id's RID_PASID read valid (tagged by PASID and DID, until a PASID-cache invalidation
 * covers it); a successful translation whose input address lies below 2^48 (tagged by DID, PASID and kind, until an
 * IOTLB or P_IOTLB invalidation covers it). An IOTLB entry answers only under a PASID-table entry with its DID and
 * PASID; a first-stage one answers a write only if a write filled it (its walk set D). Faults are not cached.
 */
final class ScalableRemapper {

    private static final int BEYOND_HAW = 0x83;
    /** {@link #cached}: no IOTLB entry answers. */
    private static final int MISS = -1;
    private static final long PAGE_BASE = ~Translation.PAGE_MASK_4K;

    private final ScalableContextReader reader;
    private final ContextCache contextCache;
    private final PasidCache pasidCache;
    private final Iotlb iotlb;
    private final DmaFaults faults;
    private final Translation translation;
    private final SecondLevelWalk secondStage;
    private final FirstStageWalk firstStage;
    private final int aw;

    ScalableRemapper(Capabilities capabilities, GuestMemory memory, ScalableContextReader reader,
                     ContextCache contextCache, PasidCache pasidCache, Iotlb iotlb, DmaFaults faults,
                     Translation translation, SecondLevelWalk secondStage) {
        this.reader = reader;
        this.contextCache = contextCache;
        this.pasidCache = pasidCache;
        this.iotlb = iotlb;
        this.faults = faults;
        this.translation = translation;
        this.secondStage = secondStage;
        this.firstStage = new FirstStageWalk(capabilities, memory);
        this.aw = capabilities.addressWidth();
    }

    int translate(int sid, long address, boolean write) {
        long context0;
        long context1;
        if (contextCache.lookup(sid)) {
            context0 = contextCache.lo();
            context1 = contextCache.hi();
        } else {
            int status = reader.readContext(sid);
            if (status != ScalableContextReader.OK) {
                // 41h and 48h are governed by the context entry's FPD; 38h–3Ah, 40h and 42h are never qualified
                return faults.fault(sid, status, address, write, ScalableContextEntry.fpd(reader.context0()));
            }
            context0 = reader.context0();
            context1 = reader.context1();
            contextCache.store(sid, context0, context1);
        }
        boolean fpd = ScalableContextEntry.fpd(context0);
        int pasid = ScalableContextEntry.ridPasid(context1);
        long entry0;
        long entry2;
        int did;
        if (pasidCache.lookup(sid, pasid)) {
            entry0 = pasidCache.word0();
            entry2 = pasidCache.word2();
            did = pasidCache.domainId();
            fpd |= pasidCache.directoryFpd() || PasidEntry.fpd(entry0);
        } else {
            int status = reader.readPasidEntry(context0, pasid);
            // §9.3: the directory entry's FPD from its step on, the PASID-table entry's from step 5 on
            fpd |= reader.fpd();
            if (status != ScalableContextReader.OK) {
                return faults.fault(sid, status, address, write, fpd);
            }
            entry0 = reader.entry0();
            entry2 = reader.entry2();
            did = PasidEntry.domainId(reader.entry1());
            pasidCache.store(sid, pasid, did, reader.directoryFpd(), entry0, entry2);
        }
        int status = address >>> 48 == 0 ? cached(sid, address, write, did, pasid) : MISS;
        if (status == MISS) {
            status = translate(sid, entry0, entry2, address, write, did, pasid);
        }
        return status == DmaRemapper.TRANSLATED ? status : faults.fault(sid, status, address, write, fpd);
    }

    /** §6.2.3: the answer of an IOTLB entry of {@code did} and {@code pasid}, or {@link #MISS}. */
    private int cached(int sid, long address, boolean write, int did, int pasid) {
        int slot = iotlb.find(sid, address);
        if (slot < 0) {
            return MISS;
        }
        long tag = iotlb.tag(slot);
        long kind = tag & IotlbTag.KIND;
        if (kind == IotlbTag.LEGACY || (tag & (IotlbTag.DID | IotlbTag.PASID)) != IotlbTag.domainAndPasid(did, pasid)
                || write && kind == IotlbTag.FIRST_STAGE && (tag & IotlbTag.WRITTEN) == 0) {
            return MISS;
        }
        long leaf = iotlb.leaf(slot);
        return translation.complete(address, write, leaf & PAGE_BASE, (int) leaf & 3,
                Iotlb.levelSize(iotlb.level(slot)) - 1, WalkFaults.SECOND_STAGE);
    }

    /** The translation the PASID-table entry selects, cached when it succeeds: a status or an unrecorded fault. */
    private int translate(int sid, long entry0, long entry2, long address, boolean write, int did, int pasid) {
        switch (PasidEntry.pgtt(entry0)) {
            case PasidEntry.PGTT_PASS_THROUGH: {
                // §3.9: pass-through below the host address width
                if (address >>> aw != 0) {
                    return BEYOND_HAW;
                }
                iotlb.insert(sid, address, 1, address & PAGE_BASE | SlPte.READ | SlPte.WRITE,
                        IotlbTag.scalable(IotlbTag.PASS_THROUGH, did, pasid));
                return translation.identity(address);
            }
            case PasidEntry.PGTT_SECOND_STAGE: {
                // §3.7: the legacy second-level walk from SSPTPTR with the PASID-table entry's AW
                int addressWidth = PasidEntry.addressWidth(entry0);
                if (address >>> (30 + 9 * addressWidth) != 0) {
                    return WalkFaults.SECOND_STAGE.beyondAgaw;
                }
                int status = secondStage.walk(PasidEntry.secondStagePointer(entry0), addressWidth + 2, address,
                        write, WalkFaults.SECOND_STAGE);
                if (status == DmaRemapper.TRANSLATED) {
                    status = translation.complete(address, write, secondStage.base(), secondStage.rights(),
                            secondStage.mask(), WalkFaults.SECOND_STAGE);
                }
                if (status == DmaRemapper.TRANSLATED) {
                    iotlb.insert(sid, address, secondStage.level(), secondStage.base() | secondStage.rights(),
                            IotlbTag.scalable(IotlbTag.SECOND_STAGE, did, pasid));
                }
                return status;
            }
            default: {
                int status = firstStage.translate(PasidEntry.firstStagePointer(entry2),
                        PasidEntry.firstStagePagingMode(entry2) == 1 ? 5 : 4, address, write, translation);
                if (status == DmaRemapper.TRANSLATED && address >>> 48 == 0) {
                    iotlb.insert(sid, address, firstStage.level(), translation.address & ~translation.pageMask
                            | translation.rights, IotlbTag.scalable(IotlbTag.FIRST_STAGE, did, pasid)
                            | (write ? IotlbTag.WRITTEN : 0));
                }
                return status;
            }
        }
    }
}
