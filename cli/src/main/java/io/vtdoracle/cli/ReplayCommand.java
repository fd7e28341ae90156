package io.vtdoracle.cli;

import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.check.ReplayFile;
import io.vtdoracle.impl.FastRemappingUnit;
import io.vtdoracle.oracle.ModelUnit;
import io.vtdoracle.oracle.Oracle;
import io.vtdoracle.properties.Suite;
import io.vtdoracle.properties.Suites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code replay FILE}: re-runs a saved failing case exactly and prints its script. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Re-runs the failing case saved in a replay file (written by check or by the tests).%n"
                + "Exit code 0: the case passes now; 1: it still fails; 2: bad arguments.")
final class ReplayCommand implements Callable<Integer> {

    private static final String MODEL_SUFFIX = " (model)";

    @Parameters(index = "0", paramLabel = "FILE", description = "the replay file")
    Path file;

    @Option(names = "--strict", description = "judge refinement strictly, as check --strict does")
    boolean strict;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(file)) {
            throw new BadArgument("replay file " + file + " does not exist");
        }
        ReplayFile saved;
        try {
            saved = ReplayFile.read(file);
        } catch (RuntimeException e) {
            throw new BadArgument("replay file " + file + " is not a replay file: " + e.getMessage());
        }
        String property = saved.property();
        boolean model = property.endsWith(MODEL_SUFFIX);
        String name = model ? property.substring(0, property.length() - MODEL_SUFFIX.length()) : property;
        Suite suite = Suites.named(name).orElseThrow(() -> new BadArgument("replay file " + file
                + " is for property '" + property + "', which this campaign does not have"));
        RemappingUnit.Factory factory = model ? ModelUnit::new : FastRemappingUnit::new;
        try {
            suite.check(suite.property(model ? MODEL_SUFFIX : "", false).replaying(file), factory,
                    strict ? Oracle.Judging.STRICT : Oracle.Judging.DEFAULT);
        } catch (AssertionError failure) {
            System.out.println(failure.getMessage());
            return Main.FAILED;
        } catch (IllegalStateException stale) {
            throw new BadArgument(stale.getMessage());
        }
        System.out.println("replayed " + file + " (" + property + "): the case passes now");
        return Main.PASSED;
    }
}
