package io.vtdoracle.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/divergences.md and the known-divergences file agree: every divergence the campaign knows has its row in
 * the document, and the document's list of known divergences is exactly the file's. Needs no QEMU.
 */
class DivergenceDocumentsTest {

    private static final Path DOCUMENT = Path.of("..", "docs", "divergences.md");
    private static final String LIST_LINE = "- Known divergences (`qemu/src/main/resources/qemu-known-divergences.txt`";
    private static final Pattern ENTRY_ID = Pattern.compile("^([A-Z][0-9]+)(-\\S+)?\\s");
    private static final Pattern ROW_ID = Pattern.compile("^\\| ([A-Z][0-9]+) \\|");

    @Test
    void everyKnownDivergenceHasItsRowInTheDocument() throws IOException {
        assertThat(rowIds()).containsAll(fileIds());
    }

    @Test
    void theDocumentListsExactlyTheKnownDivergences() throws IOException {
        assertThat(listedIds()).isEqualTo(fileIds());
    }

    private static Set<String> fileIds() throws IOException {
        try (InputStream in = DivergenceDocumentsTest.class.getResourceAsStream(KnownDivergences.RESOURCE)) {
            assertThat(in).as("the known-divergences file on the class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(ENTRY_ID::matcher).filter(Matcher::find).map(matcher -> matcher.group(1))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Set<String> rowIds() throws IOException {
        return Files.readAllLines(DOCUMENT).stream().map(ROW_ID::matcher).filter(Matcher::find)
                .map(matcher -> matcher.group(1)).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The ids after "): " on the list line (which may continue on the next lines up to its full stop). */
    private static Set<String> listedIds() throws IOException {
        String text = Files.readString(DOCUMENT);
        int start = text.indexOf(LIST_LINE);
        assertThat(start).as("docs/divergences.md has the line '%s...'", LIST_LINE).isNotNegative();
        int colon = text.indexOf("): ", start);
        int end = text.indexOf('.', colon);
        return Arrays.stream(text.substring(colon + 3, end).split(",")).map(String::strip)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
