package io.vtdoracle.model.cache;

import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.model.invalidation.IotlbInvalidation;
import io.vtdoracle.model.invalidation.PasidIotlbInvalidation;
import io.vtdoracle.model.pasid.PasidGranularTranslationType;

/**
 * The scalable-mode IOTLB (§6.2.3, contract §9.9): translations tagged by source-id, domain-id, PASID, kind and
 * page. One {@link TaggedPages} per kind and PASID, so each invalidation the specification defines reads only the
 * pages it selects: O(log n) per page plus what it removes, times the few kinds and PASIDs in use.
 *
 * @param pages the translations of each kind and PASID; never an empty {@link TaggedPages} once filled
 */
public record ScalableIotlb(Map<Tag, TaggedPages<CachedTranslation>> pages) {

    /** The kind (the PGTT a translation was found through) and the PASID of a group of entries. */
    public record Tag(PasidGranularTranslationType kind, int pasid) {
    }

    private static final List<PasidGranularTranslationType> KINDS = List.of(PasidGranularTranslationType.SECOND_STAGE,
            PasidGranularTranslationType.FIRST_STAGE, PasidGranularTranslationType.PASS_THROUGH);

    public static ScalableIotlb empty() {
        return new ScalableIotlb(HashMap.empty());
    }

    public ScalableIotlb with(ScalableIotlbEntry entry) {
        Tag tag = new Tag(entry.kind(), entry.pasid());
        TaggedPages<CachedTranslation> held = pages.get(tag).getOrElse(TaggedPages::empty);
        return new ScalableIotlb(pages.put(tag, held.with(entry.source(), entry.domainId(),
                entry.translation().leaf().iova(), entry.translation().leaf().pageMask(), entry.translation())));
    }

    /** What a request of {@code source} to {@code address} through {@code pasid} under {@code did} may find. */
    public List<CachedTranslation> lookup(SourceId source, int did, int pasid, long address) {
        return KINDS.flatMap(kind -> pages.get(new Tag(kind, pasid))
                .map(held -> held.lookup(source, did, address)).getOrElse(List::empty));
    }

    public boolean holdsAllOf(ScalableIotlb other) {
        return this == other || other.pages.forAll(held -> pages.get(held._1)
                .exists(mine -> mine.holdsAllOf(held._2)));
    }

    /**
     * §6.5.2.3 in scalable mode: global removes everything; domain-selective every entry of its domain-id;
     * page-selective the second-stage and pass-through entries of its domain-id whose page meets the range, and
     * every first-stage entry of its domain-id.
     */
    public ScalableIotlb invalidate(IotlbInvalidation invalidation) {
        if (invalidation instanceof IotlbInvalidation.Global) {
            return empty();
        } else if (invalidation instanceof IotlbInvalidation.Domain domain) {
            return new ScalableIotlb(pages.mapValues(held -> held.withoutDomain(domain.did())));
        }
        IotlbInvalidation.Page page = (IotlbInvalidation.Page) invalidation;
        return new ScalableIotlb(pages.map((tag, held) -> io.vavr.Tuple.of(tag,
                tag.kind() == PasidGranularTranslationType.FIRST_STAGE ? held.withoutDomain(page.did())
                        : held.withoutRange(page.did(), page.first(), page.rangeBits()))));
    }

    /**
     * §6.5.2.4: PASID-selective removes the first-stage and pass-through entries of its domain-id and PASID;
     * page-selective-within-PASID the first-stage entries of its domain-id and PASID whose page meets the range.
     * Second-stage entries stay (whether a PASID-selective one removes them is not said: contract §9.9).
     */
    public ScalableIotlb invalidate(PasidIotlbInvalidation invalidation) {
        if (invalidation instanceof PasidIotlbInvalidation.PageWithinPasid within) {
            IotlbInvalidation.Page page = within.page();
            return update(new Tag(PasidGranularTranslationType.FIRST_STAGE, within.pasid()),
                    held -> held.withoutRange(page.did(), page.first(), page.rangeBits()));
        }
        int did = invalidation.did();
        return update(new Tag(PasidGranularTranslationType.FIRST_STAGE, invalidation.pasid()),
                held -> held.withoutDomain(did))
                .update(new Tag(PasidGranularTranslationType.PASS_THROUGH, invalidation.pasid()),
                        held -> held.withoutDomain(did));
    }

    private ScalableIotlb update(Tag tag,
                                 java.util.function.Function<TaggedPages<CachedTranslation>,
                                         TaggedPages<CachedTranslation>> change) {
        return pages.get(tag).map(held -> new ScalableIotlb(pages.put(tag, change.apply(held)))).getOrElse(this);
    }
}
