package io.vtdoracle.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vtdoracle.oracle.Oracle;
import io.vtdoracle.protocol.JsonFormatException;
import io.vtdoracle.vectors.GeneratedCases;
import io.vtdoracle.vectors.VectorReport;
import io.vtdoracle.vectors.VectorResult;
import io.vtdoracle.vectors.VectorRunner;
import io.vtdoracle.vectors.VectorSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vectors export DIR}, {@code vectors run DIR}, {@code vectors search FILE}: the conformance vectors. */
@Command(name = "vectors", mixinStandardHelpOptions = true,
        description = "Conformance vectors (docs/oracle-protocol.md, \"Vectors\"): export the versioned set, run it"
                + " against a unit, or re-search the generated cases.",
        subcommands = {VectorsCommand.Export.class, VectorsCommand.Run.class, VectorsCommand.Search.class})
final class VectorsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: export, run or search");
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Writes the vector set into DIR (index.json and one file per vector); the same bytes every"
                    + " time. Files of vectors no longer in the set are removed.")
    static final class Export implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "DIR", description = "where to write, e.g. docs/vectors")
        Path directory;

        @Override
        public Integer call() throws IOException {
            VectorSet set = VectorSet.export();
            set.write(directory);
            System.out.println("wrote " + set.vectors().size() + " vectors to " + directory);
            return Main.PASSED;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Runs the vectors in DIR against a unit, judging every step with the reference model, and"
                    + " prints a table per chapter.%n"
                    + "Exit code 0: no vector failed; 1: a vector failed; 2: bad arguments or a malformed vector"
                    + " set; 4: the unit supports none of the vectors' capabilities.")
    static final class Run implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "DIR", description = "the vector set, e.g. docs/vectors")
        Path directory;

        @Mixin
        UnitOptions unitOptions;

        @Option(names = "--strict", description = "judge as for a unit built to the contract: the model's own"
                + " readings of open points only, listener events exactly (default: every reading, listener"
                + " events by their VFIO effect)")
        boolean strict;

        @Option(names = "--only", paramLabel = "PREFIX", description = "run only the vectors whose id starts with"
                + " PREFIX, e.g. paging/ or listeners/rfc-")
        String only;

        @Option(names = "--report", paramLabel = "FILE.json", description = "write the results as JSON")
        Path report;

        @Override
        public Integer call() throws IOException {
            if (!Files.isDirectory(directory)) {
                throw new BadArgument("vector set " + directory + " is not a directory");
            }
            VectorSet set;
            try {
                set = VectorSet.read(directory);
            } catch (JsonFormatException e) {
                throw new BadArgument("malformed vector set: " + e.getMessage());
            }
            if (only != null) {
                set = new VectorSet(set.vectors().stream().filter(v -> v.id().startsWith(only)).toList());
                if (set.vectors().isEmpty()) {
                    throw new BadArgument("--only " + only + ": no vector id starts with it");
                }
            }
            Oracle.Judging judging = strict ? Oracle.Judging.STRICT : Oracle.Judging.DEFAULT;
            VectorReport result;
            try (UnitUnderTest unit = unitOptions.open()) {
                List<VectorResult> results = new VectorRunner(unit.factory(), judging).run(set);
                result = new VectorReport(unit.name(), judging, set, results);
            }
            System.out.print(result.table());
            if (report != null) {
                Path parent = report.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(report.toFile(),
                        result.json());
            }
            if (result.count(VectorResult.Status.FAILED) > 0) {
                return Main.FAILED;
            }
            return result.count(VectorResult.Status.PASSED) == 0 ? 4 : Main.PASSED;
        }
    }

    @Command(name = "search", mixinStandardHelpOptions = true,
            description = "Searches the coverage-directed generated cases again (slow: minutes) and writes their"
                    + " choice sequences to FILE (the set's is vectors/src/main/resources/io/vtdoracle/vectors/"
                    + GeneratedCases.RESOURCE + "); then rebuild and export.")
    static final class Search implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "FILE", description = "the choice sequences to write")
        Path file;

        @Option(names = "--tries", defaultValue = "300", description = "scripts drawn per target (default 300)")
        int tries;

        @Option(names = "--max-shrinks", defaultValue = "200",
                description = "shrink calls per target (default 200)")
        int maxShrinks;

        @Override
        public Integer call() throws IOException {
            List<String> missed = GeneratedCases.search(file, tries, maxShrinks);
            System.out.println("wrote " + file + (missed.isEmpty() ? "" : "; not reached: " + missed));
            return Main.PASSED;
        }
    }
}
