package io.vtdoracle.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Shard {@code index} of {@code count} ({@code --shard K/N}, K from 1): batch k of each property belongs to shard
 * {@code k mod N + 1}, so N machines given the same seed and budget run disjoint batches whose union is the whole
 * campaign.
 *
 * @param index this shard, from 1
 * @param count the number of shards
 */
record Shard(int index, int count) {

    /** The whole campaign on one machine. */
    static final Shard ALL = new Shard(1, 1);

    Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("shard " + index + "/" + count);
        }
    }

    /** Whether batch {@code k} (from 0) is this shard's. */
    boolean owns(int k) {
        return k % count == index - 1;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }

    /** Parses {@code K/N} with 1 &lt;= K &lt;= N. */
    static final class Converter implements CommandLine.ITypeConverter<Shard> {
        private static final Pattern FORM = Pattern.compile("(\\d{1,6})/(\\d{1,6})");

        @Override
        public Shard convert(String value) {
            Matcher m = FORM.matcher(value.strip());
            if (!m.matches()) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not K/N (e.g. 2/4)");
            }
            int k = Integer.parseInt(m.group(1));
            int n = Integer.parseInt(m.group(2));
            if (n < 1 || k < 1 || k > n) {
                throw new CommandLine.TypeConversionException("'" + value + "': K must be between 1 and N");
            }
            return new Shard(k, n);
        }
    }
}
