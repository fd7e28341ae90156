package io.vtdoracle.properties.oracle;

import io.vtdoracle.api.Permission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A set of IOVA mappings as disjoint intervals, each translating {@code iova} to {@code iova + delta} with a
 * permission. Normalized (sorted, adjacent equal intervals merged) so that two sets with the same meaning are
 * equal, whatever pieces they were built from.
 */
public final class Mappings {

    /** IOVAs {@code first..last} translate to {@code iova + delta} with {@code permission}. */
    public record Interval(long first, long last, long delta, Permission permission) {
        @Override
        public String toString() {
            return String.format("[0x%x..0x%x] -> 0x%x %s", first, last, first + delta, permission);
        }
    }

    private final List<Interval> intervals = new ArrayList<>();

    public void add(long first, long last, long delta, Permission permission) {
        if (first <= last) {
            intervals.add(new Interval(first, last, delta, permission));
        }
    }

    /** The part of these mappings inside {@code first..last}, normalized. */
    public List<Interval> within(long first, long last) {
        List<Interval> cut = new ArrayList<>();
        for (Interval i : intervals) {
            long a = Math.max(first, i.first());
            long b = Math.min(last, i.last());
            if (a <= b) {
                cut.add(new Interval(a, b, i.delta(), i.permission()));
            }
        }
        return normalized(cut);
    }

    /** {@link #within} minus the interrupt window (the effective range of a listener). */
    public List<Interval> withinOutsideWindow(long first, long last) {
        List<Interval> result = new ArrayList<>();
        long windowFirst = io.vtdoracle.api.Operation.INTERRUPT_WINDOW_FIRST;
        long windowLast = io.vtdoracle.api.Operation.INTERRUPT_WINDOW_LAST;
        result.addAll(within(first, Math.min(last, windowFirst - 1)));
        result.addAll(within(Math.max(first, windowLast + 1), last));
        return normalized(result);
    }

    private static List<Interval> normalized(List<Interval> list) {
        list.sort(Comparator.comparingLong(Interval::first));
        List<Interval> merged = new ArrayList<>();
        for (Interval i : list) {
            Interval last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && last.last() + 1 == i.first() && last.delta() == i.delta()
                    && last.permission() == i.permission()) {
                merged.set(merged.size() - 1, new Interval(last.first(), i.last(), i.delta(), i.permission()));
            } else {
                merged.add(i);
            }
        }
        return merged;
    }
}
