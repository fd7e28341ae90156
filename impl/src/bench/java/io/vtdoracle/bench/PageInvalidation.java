package io.vtdoracle.bench;

import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.guest.InvalidationPath;
import io.vtdoracle.guest.PageSize;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 4 (the RFC's case): in the 1 GiB domain, with VFIO's two listeners registered and replayed, the
 * guest remaps one 4K page and invalidates it page-selectively; each invalidation gives one UNMAP and one MAP.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PageInvalidation {

    private static final long IOVA = 0x1234_5000L;

    @Param({"model", "impl"})
    public String unit;

    private RemappingUnit remappingUnit;
    private List<Operation> remapElsewhere;
    private List<Operation> remapBack;
    private boolean elsewhere;

    @Setup
    public void setUp() {
        Domains domains = new Domains(Domains.LEAVES, false);
        remappingUnit = Units.create(unit);
        Units.apply(remappingUnit, domains.driver.drain());
        Units.apply(remappingUnit, List.of(Listeners.belowWindow(1), Listeners.aboveWindow(2),
                new Operation.Replay(new io.vtdoracle.api.ListenerId(1)),
                new Operation.Replay(new io.vtdoracle.api.ListenerId(2))));
        remapElsewhere = remap(domains, Domains.OTHER_TARGET + IOVA);
        remapBack = remap(domains, Domains.TARGET + IOVA);
        int events = invalidate();
        if (events != 2) {
            throw new IllegalStateException("remapping one page gave " + events + " events, not 2");
        }
    }

    private static List<Operation> remap(Domains domains, long target) {
        domains.driver.map(domains.first, IOVA, target, PageSize.SIZE_4K, Permission.READ_WRITE);
        domains.driver.invalidateIotlbPage(InvalidationPath.REGISTER, domains.first.did(), IOVA, 0, false);
        return domains.driver.drain();
    }

    @Benchmark
    public int invalidate() {
        elsewhere = !elsewhere;
        int events = 0;
        for (Operation operation : elsewhere ? remapElsewhere : remapBack) {
            events += remappingUnit.apply(operation).events().size();
        }
        return events;
    }
}
