package io.vtdoracle.impl.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContextCacheTest {

    @Test
    void globalInvalidationIsAGenerationBump() {
        ContextCache cache = new ContextCache();
        cache.store(0x0108, 0x5001, 0x0701);
        assertThat(cache.lookup(0x0108)).isTrue();
        assertThat(cache.lo()).isEqualTo(0x5001);
        assertThat(cache.hi()).isEqualTo(0x0701);
        cache.invalidateAll();
        assertThat(cache.lookup(0x0108)).isFalse();
        cache.store(0x0108, 0x6001, 0x0701);
        assertThat(cache.lookup(0x0108)).isTrue();
        assertThat(cache.lo()).isEqualTo(0x6001);
    }

    @Test
    void domainInvalidationRemovesOnlyThatDomain() {
        ContextCache cache = new ContextCache();
        cache.store(0x0001, 1, 5 << 8 | 1);
        cache.store(0x0302, 1, 6 << 8 | 1);
        cache.invalidateDomain(5);
        assertThat(cache.lookup(0x0001)).isFalse();
        assertThat(cache.lookup(0x0302)).isTrue();
    }

    @Test
    void deviceInvalidationIgnoresTheMaskedFunctionBits() {
        ContextCache cache = new ContextCache();
        for (int function = 0; function < 8; function++) {
            cache.store(0x0210 | function, 1, 1);
        }
        cache.store(0x0310, 1, 1);
        cache.invalidateDevices(0x0212, 0x6);
        for (int function = 0; function < 8; function++) {
            assertThat(cache.lookup(0x0210 | function)).as("function %d", function).isEqualTo(function % 2 == 1);
        }
        assertThat(cache.lookup(0x0310)).isTrue();
    }
}
