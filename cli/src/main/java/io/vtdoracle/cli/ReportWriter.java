package io.vtdoracle.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Writes a campaign's report: Markdown for a {@code .md} file, JSON (jackson) for a {@code .json} file. */
final class ReportWriter {

    private ReportWriter() {
    }

    /** Whether {@code file} names a format this writer knows. */
    static boolean supports(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".md") || name.endsWith(".json");
    }

    /** The JSON of a report, as {@link ReportReader} reads it back. */
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    static void write(Path file, CampaignResult result) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            JSON.writeValue(file.toFile(), json(result));
        } else {
            Files.writeString(file, markdown(result), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, Object> json(CampaignResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("verdict", result.verdict());
        json.put("passed", result.passed());
        json.put("seed", result.seed());
        json.put("budget", result.budget());
        json.put("implementation", result.implementation());
        json.put("shards", result.shards());
        json.put("shardCount", result.shardCount());
        json.put("seconds", result.seconds());
        json.put("commands", result.commands());
        json.put("commandsPerSecond", result.commandsPerSecond());
        json.put("properties", result.properties());
        return json;
    }

    private static void failure(StringBuilder md, FailureReport f) {
        md.append("| failure | |\n|---|---|\n");
        row(md, "step", f.step());
        row(md, "operation", f.operation());
        row(md, "seen", f.seen());
        row(md, "allowed", f.allowed());
        row(md, "section", f.section());
        row(md, "replay", f.replayCommand());
        row(md, "search again", f.searchCommand());
        row(md, "replay file not saved", f.replayFileError());
        md.append("\n```\n").append(f.text()).append("\n```\n\n");
    }

    private static void row(StringBuilder md, String field, Object value) {
        if (value != null) {
            md.append("| ").append(field).append(" | `").append(String.valueOf(value).replace("|", "\\|")
                    .replace("`", "'")).append("` |\n");
        }
    }

    static String markdown(CampaignResult result) {
        StringBuilder md = new StringBuilder();
        md.append("# vtd-oracle check: ").append(result.verdict()).append("\n\n");
        md.append(String.format(Locale.ROOT, "Implementation `%s`, seed %d, %s%s; %d commands in %.1f s (%.0f/s).%n%n",
                result.implementation(), result.seed(), result.budget(),
                result.shardText().isEmpty() ? "" : ", " + result.shardText(), result.commands(), result.seconds(),
                result.commandsPerSecond()));
        md.append("| property | result | cases | invalid | commands | seconds | claim |\n");
        md.append("|---|---|---:|---:|---:|---:|---|\n");
        for (SuiteResult p : result.properties()) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %.1f | %s |%n", p.name(),
                    p.passed() ? p.outcome() : "**FAILED**", p.cases(), p.invalid(), p.commands(), p.seconds(),
                    p.claim()));
        }
        for (SuiteResult p : result.properties()) {
            md.append("\n## ").append(p.name()).append("\n\n");
            for (FailureReport f : p.failures()) {
                failure(md, f);
            }
            md.append("| label | cases | share |\n|---|---:|---:|\n");
            for (Map.Entry<String, Long> e : Summary.top(p.labels(), Integer.MAX_VALUE)) {
                md.append(String.format(Locale.ROOT, "| %s | %d | %.1f%% |%n", e.getKey(), e.getValue(),
                        p.cases() == 0 ? 0 : 100.0 * e.getValue() / p.cases()));
            }
        }
        return md.toString();
    }
}
