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
 * The divergences already known (docs/qemu-conformance.md), read from a data file: one per line, an id, the QEMU
 * versions showing it, then {@code field=/regex/} matchers, all of which must be found ({@link Matcher#find}) in
 * the divergence's text:
 * <pre>
 * # id     versions   matchers (fields: kind, operation, observed, allowed = the model's projected outcomes joined
 * #                   by " | ", trace = QEMU's trace lines of the step joined by newlines)
 * D1-read  7.2..      kind=/OUTCOME/ operation=/^dma .* read/ observed=/^translated/ allowed=/READ_NOT_PERMITTED/
 * D19      7.2..10.0  kind=/OUTCOME/ ...
 * </pre>
 * Versions are release series: {@code 7.2..} from 7.2 on, {@code 7.2..10.0} from 7.2 up to but not including 10.0
 * (fixed there). Blank lines and lines starting with {@code #} are ignored. The first matching entry whose range
 * holds the judged version names the divergence; outside its range an entry names nothing (a fixed divergence that
 * comes back is new).
 */
public final class KnownDivergences {

    /** The file on the class path: qemu/src/main/resources/qemu-known-divergences.txt. */
    public static final String RESOURCE = "/qemu-known-divergences.txt";

    private static final Pattern RANGE = Pattern.compile("(\\d+\\.\\d+)\\.\\.(\\d+\\.\\d+)?");
    private static final Pattern MATCHER = Pattern.compile("(kind|operation|observed|allowed|trace)=/(.*?)/(?=\\s|$)");

    /**
     * One known divergence, shown by the QEMU series from {@code since} up to (not including) {@code fixedIn}
     * (null: not fixed).
     */
    public record Entry(String id, QemuVersion since, QemuVersion fixedIn, List<Pattern> kind,
                        List<Pattern> operation, List<Pattern> observed, List<Pattern> allowed, List<Pattern> trace,
                        String line) {

        /** Whether QEMU {@code version} shows this divergence (by its release series). */
        public boolean shownBy(QemuVersion version) {
            QemuVersion series = new QemuVersion(version.major(), version.minor(), 0);
            return series.compareTo(since) >= 0 && (fixedIn == null || series.compareTo(fixedIn) < 0);
        }

        /** "7.2..", "7.2..10.0". */
        public String range() {
            return since.series() + ".." + (fixedIn == null ? "" : fixedIn.series());
        }

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
            String[] parts = line.split("\\s+", 3);
            if (parts.length < 3) {
                throw new IllegalArgumentException("line " + number + ": needs an id, a version range and matchers: "
                        + line);
            }
            Matcher range = RANGE.matcher(parts[1]);
            if (!range.matches()) {
                throw new IllegalArgumentException("line " + number + ": version range must read 7.2.. or 7.2..10.0,"
                        + " not `" + parts[1] + "`");
            }
            QemuVersion since = QemuVersion.parse(range.group(1));
            QemuVersion fixedIn = range.group(2) == null ? null : QemuVersion.parse(range.group(2));
            if (fixedIn != null && fixedIn.compareTo(since) <= 0) {
                throw new IllegalArgumentException("line " + number + ": empty version range " + parts[1]);
            }
            List<Pattern> kind = new ArrayList<>();
            List<Pattern> operation = new ArrayList<>();
            List<Pattern> observed = new ArrayList<>();
            List<Pattern> allowed = new ArrayList<>();
            List<Pattern> trace = new ArrayList<>();
            Matcher m = MATCHER.matcher(parts[2]);
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
            entries.add(new Entry(parts[0], since, fixedIn, kind, operation, observed, allowed, trace, line));
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

    /** The id of the first entry matching {@code divergence} whose range holds {@code version}. */
    public Optional<String> match(QemuJudge.Divergence divergence, QemuVersion version) {
        return entries.stream().filter(e -> e.shownBy(version) && e.matches(divergence)).map(Entry::id)
                .findFirst();
    }

    /** The entry named {@code id}. */
    public Optional<Entry> entry(String id) {
        return entries.stream().filter(e -> e.id().equals(id)).findFirst();
    }
}
