package io.vtdoracle.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Parses {@code --time}: a positive number with a unit, {@code 90s}, {@code 30m}, {@code 2h} (or ISO-8601). */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h)");

    @Override
    public Duration convert(String value) {
        Matcher m = SIMPLE.matcher(value.strip().toLowerCase(java.util.Locale.ROOT));
        Duration d;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            switch (m.group(2)) {
                case "ms":
                    d = Duration.ofMillis(n);
                    break;
                case "s":
                    d = Duration.ofSeconds(n);
                    break;
                case "m":
                    d = Duration.ofMinutes(n);
                    break;
                default:
                    d = Duration.ofHours(n);
                    break;
            }
        } else {
            try {
                d = Duration.parse(value.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (RuntimeException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a duration (use e.g. 30s, 30m, 2h)");
            }
        }
        if (d.isZero() || d.isNegative()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a positive duration");
        }
        return d;
    }
}
