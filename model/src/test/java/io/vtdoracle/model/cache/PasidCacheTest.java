package io.vtdoracle.model.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.collection.Vector;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.model.invalidation.PasidCacheInvalidation;
import io.vtdoracle.model.pasid.PasidTableEntry;
import org.junit.jupiter.api.Test;

/** §6.2.2, §6.5.2.2: what each PASID-cache invalidation removes, and that its domain index follows. */
class PasidCacheTest {

    private static final SourceId A = SourceId.of(0, 3, 0);
    private static final SourceId B = SourceId.of(0, 4, 0);

    private static CachedPasidEntry entry(SourceId source, int pasid, int did, long word0) {
        return new CachedPasidEntry(source, pasid, false,
                new PasidTableEntry(Vector.of(word0, (long) did, 0L, 0L, 0L, 0L, 0L, 0L)));
    }

    private static final PasidCache FILLED = PasidCache.empty().with(entry(A, 0, 5, 0x1001))
            .with(entry(A, 0, 6, 0x2001)).with(entry(A, 1, 5, 0x3001)).with(entry(B, 0, 5, 0x4001));

    @Test
    void pasidSelectiveRemovesTheEntriesOfItsDomainAndPasidOnly() {
        PasidCache after = FILLED.invalidate(new PasidCacheInvalidation.Pasid(5, 0));
        assertThat(after.entriesOf(A, 0)).containsExactly(entry(A, 0, 6, 0x2001));
        assertThat(after.entriesOf(A, 1)).containsExactly(entry(A, 1, 5, 0x3001));
        assertThat(after.entriesOf(B, 0)).isEmpty();
        PasidCache rest = after.invalidate(new PasidCacheInvalidation.Domain(5));
        assertThat(rest.entriesOf(A, 1)).isEmpty();
        assertThat(rest.entriesOf(A, 0)).containsExactly(entry(A, 0, 6, 0x2001));
        assertThat(rest.byDomain().keySet()).containsExactly(6);
    }

    @Test
    void domainSelectiveAndGlobalRemoveWhatTheySelect() {
        PasidCache domain = FILLED.invalidate(new PasidCacheInvalidation.Domain(6));
        assertThat(domain.entriesOf(A, 0)).containsExactly(entry(A, 0, 5, 0x1001));
        assertThat(domain.holdsAllOf(FILLED)).isFalse();
        assertThat(FILLED.holdsAllOf(domain)).isTrue();
        assertThat(FILLED.invalidate(new PasidCacheInvalidation.Global())).isEqualTo(PasidCache.empty());
    }
}
