package io.vtdoracle.vectors;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vtdoracle.oracle.Oracle;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results of a vector run: a table per chapter (passed / failed / unsupported) for people, and a JSON report
 * for tools, each vector with its flags so a failure on a known QEMU divergence or an ambiguity reads as such.
 *
 * @param unit    what was run ("impl", a class name, a command)
 * @param judging how the Oracle judged
 * @param set     the vectors run
 * @param results one per vector, in the set's order
 */
public record VectorReport(String unit, Oracle.Judging judging, VectorSet set, List<VectorResult> results) {

    public VectorReport {
        results = List.copyOf(results);
    }

    public long count(VectorResult.Status status) {
        return results.stream().filter(result -> result.status() == status).count();
    }

    public boolean allPassed() {
        return count(VectorResult.Status.PASSED) == results.size();
    }

    /** The table per chapter, then one line per vector that did not pass. */
    public String table() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-22s %7s %7s %12s%n", "chapter",
                "passed", "failed", "unsupported"));
        for (Map.Entry<Chapter, long[]> row : perChapter().entrySet()) {
            long[] counts = row.getValue();
            text.append(String.format(Locale.ROOT, "%-22s %7d %7d %12d%n", row.getKey().directory(), counts[0],
                    counts[1], counts[2]));
        }
        text.append(String.format(Locale.ROOT, "%-22s %7d %7d %12d%n", "total", count(VectorResult.Status.PASSED),
                count(VectorResult.Status.FAILED), count(VectorResult.Status.UNSUPPORTED)));
        for (int i = 0; i < results.size(); i++) {
            VectorResult result = results.get(i);
            if (result.status() != VectorResult.Status.PASSED) {
                List<String> flags = set.vectors().get(i).flags();
                text.append(result.status()).append(' ').append(result.id())
                        .append(flags.isEmpty() ? "" : " " + flags).append(": ").append(result.message())
                        .append(System.lineSeparator());
            }
        }
        return text.toString();
    }

    private Map<Chapter, long[]> perChapter() {
        Map<Chapter, long[]> rows = new EnumMap<>(Chapter.class);
        for (VectorResult result : results) {
            rows.computeIfAbsent(result.chapter(), chapter -> new long[3])[result.status().ordinal()]++;
        }
        return rows;
    }

    /** The JSON report (docs/oracle-protocol.md, "Vectors"). */
    public ObjectNode json() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("format", "vtd-oracle-vectors-report").put("version", VectorSet.VERSION).put("unit", unit);
        node.putObject("judging").put("listeners", judging.listeners().name().toLowerCase(Locale.ROOT))
                .put("readings", judging.readings().name().toLowerCase(Locale.ROOT));
        node.putObject("totals").put("vectors", results.size())
                .put("passed", count(VectorResult.Status.PASSED)).put("failed", count(VectorResult.Status.FAILED))
                .put("unsupported", count(VectorResult.Status.UNSUPPORTED));
        ArrayNode chapters = node.putArray("chapters");
        perChapter().forEach((chapter, counts) -> chapters.addObject().put("chapter", chapter.directory())
                .put("passed", counts[0]).put("failed", counts[1]).put("unsupported", counts[2]));
        ArrayNode vectors = node.putArray("vectors");
        for (int i = 0; i < results.size(); i++) {
            VectorResult result = results.get(i);
            ObjectNode entry = vectors.addObject().put("id", result.id())
                    .put("status", result.status().name().toLowerCase(Locale.ROOT));
            if (result.status() != VectorResult.Status.PASSED) {
                if (result.step() >= 0) {
                    entry.put("step", result.step());
                }
                entry.put("message", result.message());
            }
            ArrayNode flags = entry.putArray("flags");
            set.vectors().get(i).flags().forEach(flags::add);
            if (!result.notes().isEmpty()) {
                ArrayNode notes = entry.putArray("notes");
                result.notes().forEach(notes::add);
            }
        }
        return node;
    }
}
