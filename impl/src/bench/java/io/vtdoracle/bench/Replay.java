package io.vtdoracle.bench;

import io.vtdoracle.api.Event;
import io.vtdoracle.api.ListenerId;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.impl.EventSink;
import io.vtdoracle.impl.FastRemappingUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * Benchmark 3: the replay of a 1 GiB domain of 262,144 4K leaves to a new listener (VFIO's replay right after it
 * registers): register, replay (262,144 MAPs), unregister. "impl" delivers the events to a sink
 * ({@link FastRemappingUnit#apply(Operation, EventSink)}, what a VMM calls: no record per event), "impl-api" the same
 * unit through {@code apply(Operation)} (informative).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class Replay {

    @Param({"model", "impl", "impl-fields", "impl-api"})
    public String unit;

    private RemappingUnit remappingUnit;
    private CountingSink sink;
    private int nextListener;

    @Setup
    public void setUp() {
        Domains domains = new Domains(Domains.LEAVES, false);
        remappingUnit = Units.create(unit.startsWith("impl") ? "impl" : unit);
        sink = unit.equals("impl-fields") ? new FieldSink() : new CountingSink();
        Units.apply(remappingUnit, domains.driver.drain());
        int events = replayOnce();
        if (events != Domains.LEAVES) {
            throw new IllegalStateException("a replay of the domain gave " + events + " events, not " + Domains.LEAVES);
        }
    }

    @Benchmark
    public int replay() {
        return replayOnce();
    }

    private int replayOnce() {
        ListenerId listener = new ListenerId(nextListener++);
        remappingUnit.apply(Listeners.belowWindow(listener.value()));
        int events;
        if (unit.equals("impl") || unit.equals("impl-fields")) {
            sink.count = 0;
            ((FastRemappingUnit) remappingUnit).apply(new Operation.Replay(listener), sink);
            events = sink.count;
        } else {
            events = remappingUnit.apply(new Operation.Replay(listener)).events().size();
        }
        remappingUnit.apply(new Operation.UnregisterListener(listener));
        return events;
    }

    /** Counts the events (a VMM would issue its VFIO MAP ioctls here). */
    static class CountingSink implements EventSink {

        int count;

        @Override
        public void event(Event event) {
            count++;
        }

        @Override
        public void notified(ListenerId listener, Event.NotificationType type, long iova, long translatedAddress,
                             long addressMask, Permission permission) {
            count++;
        }
    }

    /** Counts the events and folds every field of each notification into {@link #checksum}. */
    static final class FieldSink extends CountingSink {

        long checksum;

        @Override
        public void notified(ListenerId listener, Event.NotificationType type, long iova, long translatedAddress,
                             long addressMask, Permission permission) {
            count++;
            checksum += (iova ^ translatedAddress ^ addressMask) + type.ordinal() + permission.ordinal()
                    + listener.value();
        }
    }
}
