package io.vtdoracle.api;

/**
 * The name a VMM gives a listener (an IOMMU notifier) when it registers it. Events name the listener they are
 * delivered to; events of one step are ordered by listener id.
 */
public record ListenerId(int value) implements Comparable<ListenerId> {

    @Override
    public int compareTo(ListenerId other) {
        return Integer.compare(value, other.value);
    }

    @Override
    public String toString() {
        return "L" + value;
    }
}
