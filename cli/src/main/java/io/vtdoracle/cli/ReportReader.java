package io.vtdoracle.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Reads back a JSON report written by {@code check --report FILE.json}. */
final class ReportReader {

    private ReportReader() {
    }

    static CampaignResult read(Path file) {
        if (Files.isDirectory(file)) {
            throw new BadArgument("report " + file + " is a directory");
        }
        if (!Files.isRegularFile(file)) {
            throw new BadArgument("report " + file + " does not exist");
        }
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            throw new BadArgument("report " + file + " is not a .json report (merge-reports reads the reports of"
                    + " check --report FILE.json)");
        }
        try {
            JsonNode tree = ReportWriter.JSON.readTree(file.toFile());
            for (String field : new String[] {"seed", "budget", "shards", "shardCount", "properties"}) {
                if (tree == null || !tree.has(field)) {
                    throw new BadArgument("report " + file + " has no field '" + field
                            + "': not a report of this version of vtd-oracle check");
                }
            }
            return ReportWriter.JSON.treeToValue(tree, CampaignResult.class);
        } catch (JacksonException e) {
            throw new BadArgument("report " + file + " is not a readable JSON report: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadArgument("report " + file + " cannot be read: " + e);
        }
    }
}
