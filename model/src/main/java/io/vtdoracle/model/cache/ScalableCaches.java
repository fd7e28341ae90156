package io.vtdoracle.model.cache;

import io.vavr.collection.HashMap;
import io.vavr.collection.LinkedHashSet;
import io.vavr.collection.Map;
import io.vavr.collection.Set;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.model.invalidation.ContextInvalidation;
import io.vtdoracle.model.invalidation.IotlbInvalidation;
import io.vtdoracle.model.invalidation.PasidCacheInvalidation;
import io.vtdoracle.model.invalidation.PasidIotlbInvalidation;
import io.vtdoracle.model.roottable.ScalableContextEntry;

/**
 * What the caches may hold in scalable mode (§6.2.1 – §6.2.3, contract §9.9): context entries by source-id, the
 * PASID cache and the scalable-mode IOTLB. Like the legacy caches, admitted sets: every entry a unit could still
 * hold, since no invalidation that surely removes it has happened.
 *
 * @param contexts the scalable-mode context entries each source-id's requests read; never an empty set
 */
public record ScalableCaches(Map<SourceId, Set<ScalableContextEntry>> contexts, PasidCache pasidCache,
                             ScalableIotlb iotlb) {

    public static ScalableCaches empty() {
        return new ScalableCaches(HashMap.empty(), PasidCache.empty(), ScalableIotlb.empty());
    }

    ScalableCaches with(CachedScalableContext context) {
        return new ScalableCaches(contexts.put(context.source(), contextsOf(context.source()).add(context.entry())),
                pasidCache, iotlb);
    }

    ScalableCaches with(CachedPasidEntry entry) {
        return new ScalableCaches(contexts, pasidCache.with(entry), iotlb);
    }

    ScalableCaches with(ScalableIotlbEntry entry) {
        return new ScalableCaches(contexts, pasidCache, iotlb.with(entry));
    }

    Set<ScalableContextEntry> contextsOf(SourceId source) {
        return contexts.get(source).getOrElse(LinkedHashSet::empty);
    }

    boolean holdsAllOf(ScalableCaches other) {
        return this == other || other.contexts.forAll(held -> contextsOf(held._1).containsAll(held._2))
                && pasidCache.holdsAllOf(other.pasidCache) && iotlb.holdsAllOf(other.iotlb);
    }

    /**
     * §6.5.2.1: global removes every scalable-mode context entry, device-selective those of the source-ids it
     * covers; a domain-selective one surely removes none (a scalable-mode context entry has no domain-id).
     */
    ScalableCaches invalidate(ContextInvalidation invalidation) {
        if (invalidation instanceof ContextInvalidation.Global) {
            return new ScalableCaches(HashMap.empty(), pasidCache, iotlb);
        } else if (invalidation instanceof ContextInvalidation.Device device) {
            return new ScalableCaches(contexts.removeAll(device.covered()), pasidCache, iotlb);
        }
        return this;
    }

    ScalableCaches invalidate(IotlbInvalidation invalidation) {
        return new ScalableCaches(contexts, pasidCache, iotlb.invalidate(invalidation));
    }

    ScalableCaches invalidate(PasidIotlbInvalidation invalidation) {
        return new ScalableCaches(contexts, pasidCache, iotlb.invalidate(invalidation));
    }

    ScalableCaches invalidate(PasidCacheInvalidation invalidation) {
        return new ScalableCaches(contexts, pasidCache.invalidate(invalidation), iotlb);
    }
}
