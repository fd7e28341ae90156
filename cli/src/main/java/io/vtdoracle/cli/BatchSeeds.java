package io.vtdoracle.cli;

/**
 * The seed of batch k of a campaign: the campaign seed and k mixed by SplitMix64's finalizer (the mixing function
 * of {@link java.util.SplittableRandom}), so campaigns of nearby seeds share no batch.
 */
final class BatchSeeds {

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private BatchSeeds() {
    }

    static long of(long campaignSeed, int k) {
        long z = campaignSeed + (k + 1L) * GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
