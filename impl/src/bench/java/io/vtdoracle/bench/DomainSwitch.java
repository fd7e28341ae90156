package io.vtdoracle.bench;

import io.vtdoracle.api.ListenerId;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.guest.InvalidationPath;
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
 * Benchmark 5: the device switches between two 1 GiB domains that share their first half, with a listener in
 * sync: the context entry is rewritten and invalidated device-selectively. Only the changed half produces
 * events: 131,072 UNMAPs and 131,072 MAPs a switch. The implementation only: the model's side did not fit the
 * run's 10-minute budget when tried (its fewest-events rule is covered by its own tests).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DomainSwitch {

    /** UNMAP and MAP of the half of the leaves the two domains do not share. */
    static final int EXPECTED_EVENTS = Domains.LEAVES;

    @Param({"impl"})
    public String unit;

    private RemappingUnit remappingUnit;
    private List<Operation> toSecond;
    private List<Operation> toFirst;
    private boolean onSecond;

    @Setup
    public void setUp() {
        Domains domains = new Domains(Domains.LEAVES, true);
        remappingUnit = Units.create(unit);
        Units.apply(remappingUnit, domains.driver.drain());
        Units.apply(remappingUnit, List.of(Listeners.belowWindow(1), new Operation.Replay(new ListenerId(1))));
        domains.driver.attach(Domains.DEVICE, domains.second);
        domains.driver.invalidateContextDevice(InvalidationPath.REGISTER, domains.first.did(), Domains.DEVICE);
        toSecond = domains.driver.drain();
        domains.driver.attach(Domains.DEVICE, domains.first);
        domains.driver.invalidateContextDevice(InvalidationPath.REGISTER, domains.second.did(), Domains.DEVICE);
        toFirst = domains.driver.drain();
        int events = switchDomain();
        if (events != EXPECTED_EVENTS) {
            throw new IllegalStateException("a domain switch gave " + events + " events, not " + EXPECTED_EVENTS);
        }
    }

    @Benchmark
    public int switchDomain() {
        onSecond = !onSecond;
        int events = 0;
        for (Operation operation : onSecond ? toSecond : toFirst) {
            events += remappingUnit.apply(operation).events().size();
        }
        return events;
    }
}
