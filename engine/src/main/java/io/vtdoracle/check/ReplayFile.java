package io.vtdoracle.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * A saved failing case: enough to re-run it exactly, without random generation. A plain text file
 * of {@code key=value} lines ({@code #} starts a comment), every field required, in this order:
 * <pre>
 * format=vtd-oracle-replay 2
 * property=bounded queue
 * generator=bounded queue 0.1
 * seed=42
 * failure=outcome mismatch on Poll
 * count=14
 * choices=1 0 0 1 0 0 1 1 1 0 1 1 1 0
 * checksum=crc32 5c0a2f1e
 * </pre>
 * {@code generator} fingerprints the generator that drew the choices (the same choices drawn by another generator
 * are another case); {@code count} is the number of choices; {@code checksum} is the CRC-32 of the field lines
 * before it, each ended by a newline. {@link #read} rejects a file that is truncated, corrupted or of another
 * format with an {@link InvalidReplayFile} naming the line and field at fault.
 *
 * @param property  the property name
 * @param generator the fingerprint of the generator that drew the choices
 * @param seed      the seed of the run that found the case
 * @param failure   the failure key
 * @param choices   the minimal failing choices
 */
public record ReplayFile(String property, String generator, long seed, String failure, ChoiceSequence choices) {

    /** The value of the {@code format} field this engine writes and reads. */
    public static final String FORMAT = "vtd-oracle-replay 2";

    private static final List<String> FIELDS = List.of("format", "property", "generator", "seed", "failure", "count",
            "choices", "checksum");

    /** Reads a replay file, checking its format, completeness and checksum. */
    public static ReplayFile read(Path file) {
        if (Files.isDirectory(file)) {
            throw new InvalidReplayFile(file, "is a directory, not a replay file" + listing(file));
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidReplayFile(file, "does not exist");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidReplayFile(file, "cannot be read (" + e + ")");
        }
        List<String> lines = text.lines().toList();
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new InvalidReplayFile(file, "is truncated: its last line (line " + lines.size() + ", '"
                    + abbreviated(lines.get(lines.size() - 1)) + "') is cut short");
        }
        Map<String, Integer> lineOf = new LinkedHashMap<>();
        Map<String, String> values = new LinkedHashMap<>();
        for (int n = 1; n <= lines.size(); n++) {
            String l = lines.get(n - 1).strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int eq = l.indexOf('=');
            String key = eq < 0 ? l : l.substring(0, eq).strip();
            if (eq < 0 || !FIELDS.contains(key)) {
                throw new InvalidReplayFile(file, "line " + n + ": '" + abbreviated(l)
                        + "' is not a field of a replay file (" + String.join(", ", FIELDS) + ")");
            }
            if (lineOf.containsKey(key)) {
                throw new InvalidReplayFile(file, "line " + n + ": field " + key + " repeats line " + lineOf.get(key));
            }
            lineOf.put(key, n);
            values.put(key, l.substring(eq + 1).strip());
        }
        if (!values.containsKey("format")) {
            throw new InvalidReplayFile(file, "has no format= line: not a replay file of this version of vtd-oracle"
                    + " (files written before format 2 carry no checksum; find the case again with the seed)");
        }
        if (!values.get("format").equals(FORMAT)) {
            throw new InvalidReplayFile(file, "line " + lineOf.get("format") + ", field format: '"
                    + abbreviated(values.get("format")) + "' is not the format this build reads (" + FORMAT + ")");
        }
        for (String key : FIELDS) {
            if (!values.containsKey(key)) {
                throw new InvalidReplayFile(file, "is truncated or damaged: it has no " + key + "= line"
                        + " (it has " + lines.size() + " lines)");
            }
        }
        long seed = parseLong(file, lineOf.get("seed"), "seed", values.get("seed"));
        long count = parseLong(file, lineOf.get("count"), "count", values.get("count"));
        if (count < 0) {
            throw new InvalidReplayFile(file, "line " + lineOf.get("count") + ", field count: " + count
                    + " is not a number of choices");
        }
        ChoiceSequence choices = parseChoices(file, lineOf.get("choices"), values.get("choices"));
        if (choices.length() != count) {
            throw new InvalidReplayFile(file, "line " + lineOf.get("choices") + ", field choices: holds "
                    + choices.length() + " choices where count= says " + count + " (the file is truncated or damaged)");
        }
        String expected = checksum(fieldLines(values.get("property"), values.get("generator"), seed,
                values.get("failure"), choices));
        if (!values.get("checksum").equals(expected)) {
            throw new InvalidReplayFile(file, "line " + lineOf.get("checksum") + ", field checksum: '"
                    + abbreviated(values.get("checksum")) + "' does not match the content (" + expected
                    + "): the file was changed or damaged after it was written");
        }
        return new ReplayFile(values.get("property"), values.get("generator"), seed, values.get("failure"), choices);
    }

    /** Writes this case into {@code dir} (created if needed) and returns the file. */
    public Path write(Path dir) {
        Path file = dir.resolve(fileName(property));
        String fields = fieldLines(property.replace('\n', ' '), generator.replace('\n', ' '), seed,
                failure.replace('\n', ' '), choices);
        String text = "# vtd-oracle replay file: re-run exactly with ./vtd-oracle replay FILE"
                + " (JUnit: -Dvtd.replay=FILE)\n" + fields + "checksum=" + checksum(fields) + "\n";
        try {
            Files.createDirectories(dir);
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException("cannot write replay file " + file + ": " + e,
                    e instanceof IOException io ? io : new IOException(e));
        }
        return file;
    }

    /** The file name for a property: its name with unsafe characters replaced, plus ".txt". */
    static String fileName(String property) {
        return property.replaceAll("[^A-Za-z0-9._-]", "_") + ".txt";
    }

    private static String fieldLines(String property, String generator, long seed, String failure,
                                     ChoiceSequence choices) {
        return "format=" + FORMAT + "\nproperty=" + property + "\ngenerator=" + generator + "\nseed=" + seed
                + "\nfailure=" + failure + "\ncount=" + choices.length() + "\nchoices=" + choices + "\n";
    }

    private static String checksum(String fields) {
        CRC32 crc = new CRC32();
        crc.update(fields.getBytes(StandardCharsets.UTF_8));
        return String.format(Locale.ROOT, "crc32 %08x", crc.getValue());
    }

    private static long parseLong(Path file, int line, String field, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidReplayFile(file, "line " + line + ", field " + field + ": '" + abbreviated(value)
                    + "' is not a 64-bit integer");
        }
    }

    private static ChoiceSequence parseChoices(Path file, int line, String value) {
        String[] parts = value.isEmpty() ? new String[0] : value.split("\\s+");
        long[] choices = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                choices[i] = Long.parseUnsignedLong(parts[i]);
            } catch (NumberFormatException e) {
                throw new InvalidReplayFile(file, "line " + line + ", field choices, choice " + (i + 1) + ": '"
                        + abbreviated(parts[i]) + "' is not an unsigned 64-bit number");
            }
        }
        return ChoiceSequence.of(choices);
    }

    private static String listing(Path dir) {
        List<String> names = new ArrayList<>();
        try (var files = Files.list(dir)) {
            files.sorted().limit(200).filter(ReplayFile::looksLikeOne).limit(5)
                    .forEach(f -> names.add(f.getFileName().toString()));
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
        return names.isEmpty() ? "" : " (name one of the replay files in it: " + String.join(", ", names)
                + (names.size() == 5 ? ", ..." : "") + ")";
    }

    private static boolean looksLikeOne(Path file) {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return Files.isRegularFile(file) && lines.limit(2).anyMatch(l -> l.startsWith("format=" + FORMAT));
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    private static String abbreviated(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
