package io.vtdoracle.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The committed vector set (docs/vectors) is exactly what the catalogue exports today: it never drifts. */
class CommittedVectorsTest {

    static final Path COMMITTED = Path.of("..", "docs", "vectors");

    @Test
    void regeneratingGivesExactlyTheCommittedFiles() throws IOException {
        Map<String, String> exported = new TreeMap<>(VectorSet.export().files());
        Map<String, String> committed = new TreeMap<>();
        try (Stream<Path> files = Files.walk(COMMITTED)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".json")).toList()) {
                committed.put(COMMITTED.relativize(file).toString().replace('\\', '/'),
                        Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        assertThat(committed.keySet()).as("the vector files; regenerate with: ./vtd-oracle vectors export"
                + " docs/vectors").containsExactlyElementsOf(exported.keySet());
        exported.forEach((name, text) -> assertThat(committed.get(name)).as(name + " differs; regenerate with:"
                + " ./vtd-oracle vectors export docs/vectors, and review the diff").isEqualTo(text));
    }
}
