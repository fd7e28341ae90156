package io.vtdoracle.check;

import java.util.Arrays;

/**
 * An immutable sequence of choices, the only thing a test case is made of.
 *
 * <p>Every value a generator produces is decoded from choices drawn by a {@link TestCase}; replaying
 * the same choices produces the same values. Each choice is a 64-bit value read as <em>unsigned</em>
 * (so a full 64-bit range fits in one choice). Sequences are ordered <em>shortlex</em>: a shorter
 * sequence is simpler; among equal lengths the lexicographically smaller (unsigned) one is simpler.
 * Shrinking searches for the shortlex-smallest sequence that still fails.
 */
public final class ChoiceSequence implements Comparable<ChoiceSequence> {

    /** The empty sequence. */
    public static final ChoiceSequence EMPTY = new ChoiceSequence(new long[0]);

    private final long[] choices;

    private ChoiceSequence(long[] choices) {
        this.choices = choices;
    }

    /** A sequence holding a copy of {@code choices}. */
    public static ChoiceSequence of(long... choices) {
        return new ChoiceSequence(choices.clone());
    }

    /** Parses the format of {@link #toString()}: unsigned decimals separated by blanks or commas. */
    public static ChoiceSequence parse(String text) {
        String trimmed = text.strip();
        if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
            trimmed = trimmed.substring(1, trimmed.length() - 1).strip();
        }
        if (trimmed.isEmpty()) {
            return EMPTY;
        }
        String[] parts = trimmed.split("[,\\s]+");
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Long.parseUnsignedLong(parts[i]);
        }
        return new ChoiceSequence(values);
    }

    /** The number of choices. */
    public int length() {
        return choices.length;
    }

    /** The choice at {@code index} (read it as unsigned). */
    public long get(int index) {
        return choices[index];
    }

    /** A copy of the choices. */
    public long[] toArray() {
        return choices.clone();
    }

    /** True if this sequence is strictly simpler than {@code other} in shortlex order. */
    public boolean isSimplerThan(ChoiceSequence other) {
        return compareTo(other) < 0;
    }

    /** Shortlex order on raw arrays (unsigned). */
    static int shortlex(long[] a, long[] b) {
        if (a.length != b.length) {
            return Integer.compare(a.length, b.length);
        }
        for (int i = 0; i < a.length; i++) {
            int c = Long.compareUnsigned(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    long[] raw() {
        return choices;
    }

    static ChoiceSequence wrap(long[] choices) {
        return new ChoiceSequence(choices);
    }

    @Override
    public int compareTo(ChoiceSequence other) {
        return shortlex(choices, other.choices);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChoiceSequence other && Arrays.equals(choices, other.choices);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(choices);
    }

    /** Unsigned decimals separated by single blanks, e.g. {@code 1 0 1 1 0}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < choices.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(Long.toUnsignedString(choices[i]));
        }
        return sb.toString();
    }
}
