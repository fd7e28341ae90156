package io.vtdoracle.properties.command;

import io.vtdoracle.api.SourceId;

/**
 * Adversarial in scalable mode: one word of a structure on device {@code source}'s path rewritten, the bits of
 * {@code mask} replaced by {@code value}'s: its root-entry half (word 0), its 256-bit context entry (words 0-3), its
 * PASID directory entry (word 0) or its RID_PASID entry (words 0-7). Then the invalidations the guest does after a
 * change of that entry (or none): above the PASID table the context-cache, PASID-cache and IOTLB; for the PASID
 * directory entry the PASID-cache of the device's domain, for the PASID-table entry that of its domain and
 * RID_PASID; then the domain's IOTLB (§6.5.3.3).
 */
public record ScalableBits(Structure structure, SourceId source, int word, long mask, long value, Flush flush)
        implements Command {

    /** The scalable-mode structures on a device's path (§9.2, §9.4, §9.5, §9.6). */
    public enum Structure {
        ROOT(1), CONTEXT(4), PASID_DIRECTORY(1), PASID_ENTRY(8);

        private final int words;

        Structure(int words) {
            this.words = words;
        }

        /** The entry's size in 64-bit words. */
        public int words() {
            return words;
        }
    }

    @Override
    public void issue(GuestView view) {
        if (!view.scalable()) {
            return;
        }
        ScalableTables tables = view.scalableTables();
        long entry;
        switch (structure) {
            case ROOT:
                entry = tables.rootHalf(source);
                break;
            case CONTEXT:
                entry = tables.contextEntry(source);
                break;
            case PASID_DIRECTORY:
                entry = tables.pasidDirectory(source);
                break;
            default:
                entry = tables.pasidEntry(source);
                break;
        }
        long at = entry + 8L * Math.floorMod(word, structure.words());
        long old = view.driver().readWord(at);
        view.tamperTables();
        if (structure == Structure.ROOT) {
            view.dirt().bus(source.bus());
        } else {
            view.dirt().context(source);
        }
        view.driver().writeWord(at, (old & ~mask) | (value & mask));
        if (flush != Flush.FORGOTTEN) {
            Integer did = view.attached().get(source);
            int flushed = did == null ? 0 : did;
            if (structure == Structure.ROOT || structure == Structure.CONTEXT) {
                view.flushContext(source, flushed, flush.path(view));
            } else {
                // a directory entry serves every PASID of its 64: the whole domain's PASID-cache entries
                view.invalidate(structure == Structure.PASID_DIRECTORY ? Invalidation.pasidCacheDomain(flushed)
                        : Invalidation.pasidCachePasid(flushed), flush.path(view));
                view.invalidate(Invalidation.iotlbDomain(flushed), flush.path(view));
            }
        }
    }

    @Override
    public String toString() {
        return String.format("%s %s word %d: bits 0x%x := 0x%x%s", structure.name().toLowerCase(java.util.Locale.ROOT)
                .replace('_', '-'), source, Math.floorMod(word, structure.words()), mask, value & mask,
                flush.describe());
    }
}
