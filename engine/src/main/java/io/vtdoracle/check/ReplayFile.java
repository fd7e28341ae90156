package io.vtdoracle.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A saved failing case: enough to re-run it exactly, without random generation. A plain text file
 * of {@code key=value} lines ({@code #} starts a comment):
 * <pre>
 * property=bounded queue
 * seed=42
 * failure=outcome mismatch on Poll
 * choices=1 0 0 1 0 0 1 1 1 0 1 1 1 0
 * </pre>
 *
 * @param property the property name
 * @param seed     the seed of the run that found the case
 * @param failure  the failure key
 * @param choices  the minimal failing choices
 */
public record ReplayFile(String property, long seed, String failure, ChoiceSequence choices) {

    /** Reads a replay file. */
    public static ReplayFile read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read replay file " + file, e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : lines) {
            String l = line.strip();
            int eq = l.indexOf('=');
            if (l.isEmpty() || l.startsWith("#") || eq < 0) {
                continue;
            }
            values.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
        }
        for (String key : List.of("property", "seed", "choices")) {
            if (!values.containsKey(key)) {
                throw new IllegalArgumentException("replay file " + file + " lacks '" + key + "='");
            }
        }
        return new ReplayFile(values.get("property"), Long.parseLong(values.get("seed")),
                values.getOrDefault("failure", ""), ChoiceSequence.parse(values.get("choices")));
    }

    /** Writes this case into {@code dir} (created if needed) and returns the file. */
    public Path write(Path dir) {
        Path file = dir.resolve(fileName(property));
        String text = "# vtd-oracle replay file: re-run exactly with -Dvtd.replay=" + file
                + "\nproperty=" + property.replace('\n', ' ')
                + "\nseed=" + seed
                + "\nfailure=" + failure.replace('\n', ' ')
                + "\nchoices=" + choices + "\n";
        try {
            Files.createDirectories(dir);
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write replay file " + file, e);
        }
        return file;
    }

    /** The file name for a property: its name with unsafe characters replaced, plus ".txt". */
    static String fileName(String property) {
        return property.replaceAll("[^A-Za-z0-9._-]", "_") + ".txt";
    }
}
