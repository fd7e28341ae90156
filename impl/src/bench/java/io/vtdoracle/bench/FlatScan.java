package io.vtdoracle.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/** The memory-bandwidth floor of a replay: reading the 262,144 leaf words of a 1 GiB domain in order. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FlatScan {

    private long[] leaves;

    @Setup
    public void setUp() {
        leaves = new long[Domains.LEAVES];
        for (int i = 0; i < leaves.length; i++) {
            leaves[i] = Domains.TARGET + ((long) i << 12) | 3;
        }
    }

    @Benchmark
    public long scan() {
        long mapped = 0;
        for (long leaf : leaves) {
            if ((leaf & 3) != 0) {
                mapped += leaf & ~0xFFFL;
            }
        }
        return mapped;
    }
}
