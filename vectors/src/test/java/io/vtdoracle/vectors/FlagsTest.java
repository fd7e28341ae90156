package io.vtdoracle.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.vtdoracle.model.Ambiguity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The flags name things that exist: known QEMU divergences of the campaign's file, the model's ambiguities. */
class FlagsTest {

    private static final VectorSet COMMITTED = VectorSet.read(CommittedVectorsTest.COMMITTED);

    @Test
    void everyDivergenceFlagIsAnEntryOfTheKnownDivergencesFile() throws Exception {
        Set<String> known = Files.readAllLines(Path.of("..", "qemu", "src", "main", "resources",
                        "qemu-known-divergences.txt")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("\\s+")[0]).collect(Collectors.toSet());
        Set<String> flagged = COMMITTED.vectors().stream().flatMap(v -> v.divergences().stream())
                .collect(Collectors.toSet());
        assertThat(known).containsAll(flagged);
        assertThat(flagged).contains("D1-read", "D1-write", "D3", "D11-abort", "D18", "D19", "D24", "D25", "N8");
    }

    @Test
    void everyAmbiguityFlagIsAnAmbiguityOfTheModel() {
        Set<String> flagged = COMMITTED.vectors().stream().flatMap(v -> v.ambiguities().stream())
                .collect(Collectors.toSet());
        assertThat(Arrays.stream(Ambiguity.values()).map(Ambiguity::name).toList()).containsAll(flagged);
        assertThat(flagged).contains("A1", "A2", "A3", "A4");
    }
}
