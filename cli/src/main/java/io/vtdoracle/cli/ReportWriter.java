package io.vtdoracle.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    static void write(Path file, CampaignResult result) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json(result));
        } else {
            Files.writeString(file, markdown(result), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, Object> json(CampaignResult result) {
        return Map.of("verdict", result.verdict(), "passed", result.passed(), "seed", result.seed(),
                "budget", result.budget(), "implementation", result.implementation(), "seconds", result.seconds(),
                "commands", result.commands(), "commandsPerSecond", result.commandsPerSecond(),
                "properties", result.properties());
    }

    static String markdown(CampaignResult result) {
        StringBuilder md = new StringBuilder();
        md.append("# vtd-oracle check: ").append(result.verdict()).append("\n\n");
        md.append(String.format(Locale.ROOT, "Implementation `%s`, seed %d, %s; %d commands in %.1f s (%.0f/s).%n%n",
                result.implementation(), result.seed(), result.budget(), result.commands(), result.seconds(),
                result.commandsPerSecond()));
        md.append("| property | result | cases | invalid | commands | seconds | claim |\n");
        md.append("|---|---|---:|---:|---:|---:|---|\n");
        for (SuiteResult p : result.properties()) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %.1f | %s |%n", p.name(),
                    p.passed() ? "passed" : "**FAILED**", p.cases(), p.invalid(), p.commands(), p.seconds(),
                    p.claim()));
        }
        for (SuiteResult p : result.properties()) {
            md.append("\n## ").append(p.name()).append("\n\n");
            if (!p.passed()) {
                md.append("```\n").append(p.failure()).append("\n```\n\n");
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
