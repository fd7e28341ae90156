package io.vtdoracle.qemu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The divergences already known (docs/qemu-conformance.md), read from a data file: one per line, an id then
 * {@code field=/regex/} matchers, all of which must be found ({@link Matcher#find}) in the divergence's text:
 * <pre>
 * # id     matchers (fields: kind, operation, observed, allowed = the model's projected outcomes joined by " | ",
 * #        trace = QEMU's trace lines of the step joined by newlines)
 * D1-read  kind=/OUTCOME/ operation=/^dma .* read/ observed=/^translated/ allowed=/READ_NOT_PERMITTED/
 * </pre>
 * Blank lines and lines starting with {@code #} are ignored. The first matching entry names the divergence.
 */
public final class KnownDivergences {

    /** The file on the class path: qemu/src/main/resources/qemu-known-divergences.txt. */
    public static final String RESOURCE = "/qemu-known-divergences.txt";

    private static final Pattern MATCHER = Pattern.compile("(kind|operation|observed|allowed|trace)=/(.*?)/(?=\\s|$)");

    /** One known divergence. */
    public record Entry(String id, List<Pattern> kind, List<Pattern> operation, List<Pattern> observed,
                        List<Pattern> allowed, List<Pattern> trace, String line) {
        boolean matches(QemuJudge.Divergence divergence) {
            return all(kind, divergence.kind().name()) && all(operation, divergence.operation().toString())
                    && all(observed, divergence.observed()) && all(allowed, String.join(" | ", divergence.allowed()))
                    && all(trace, String.join("\n", divergence.trace()));
        }

        private static boolean all(List<Pattern> patterns, String text) {
            return patterns.stream().allMatch(p -> p.matcher(text).find());
        }
    }

    private final List<Entry> entries;

    private KnownDivergences(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** None known: every divergence is new. */
    public static KnownDivergences none() {
        return new KnownDivergences(List.of());
    }

    /** Reads {@link #RESOURCE} from the class path (none if absent). */
    public static KnownDivergences fromClassPath() {
        try (InputStream in = KnownDivergences.class.getResourceAsStream(RESOURCE)) {
            return in == null ? none() : parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses the file's text; a line without matchers is an error. */
    public static KnownDivergences parse(String text) {
        List<Entry> entries = new ArrayList<>();
        int number = 0;
        for (String raw : text.split("\n")) {
            number++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 2);
            if (parts.length < 2) {
                throw new IllegalArgumentException("line " + number + ": no matchers: " + line);
            }
            List<Pattern> kind = new ArrayList<>();
            List<Pattern> operation = new ArrayList<>();
            List<Pattern> observed = new ArrayList<>();
            List<Pattern> allowed = new ArrayList<>();
            List<Pattern> trace = new ArrayList<>();
            Matcher m = MATCHER.matcher(parts[1]);
            int found = 0;
            while (m.find()) {
                found++;
                Pattern p = Pattern.compile(m.group(2));
                switch (m.group(1)) {
                    case "kind":
                        kind.add(p);
                        break;
                    case "operation":
                        operation.add(p);
                        break;
                    case "observed":
                        observed.add(p);
                        break;
                    case "trace":
                        trace.add(p);
                        break;
                    default:
                        allowed.add(p);
                        break;
                }
            }
            if (found == 0) {
                throw new IllegalArgumentException("line " + number + ": no field=/regex/ matcher: " + line);
            }
            entries.add(new Entry(parts[0], kind, operation, observed, allowed, trace, line));
        }
        return new KnownDivergences(entries);
    }

    /** These entries, then {@code more}'s. */
    public KnownDivergences plus(KnownDivergences more) {
        List<Entry> all = new ArrayList<>(entries);
        all.addAll(more.entries);
        return new KnownDivergences(all);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The id of the first entry matching {@code divergence}. */
    public Optional<String> match(QemuJudge.Divergence divergence) {
        return entries.stream().filter(e -> e.matches(divergence)).map(Entry::id).findFirst();
    }
}
