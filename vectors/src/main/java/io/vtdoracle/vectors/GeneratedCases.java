package io.vtdoracle.vectors;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.check.ChoiceSequence;
import io.vtdoracle.check.Property;
import io.vtdoracle.check.ReplayFile;
import io.vtdoracle.check.TestBody;
import io.vtdoracle.oracle.ModelUnit;
import io.vtdoracle.properties.command.Command;
import io.vtdoracle.properties.command.GuestView;
import io.vtdoracle.properties.generate.CommandGens;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The coverage-directed generated cases. A search (slow, run by hand with {@code vtd-oracle vectors search}) draws
 * scripts from the property suites' generators ({@link CommandGens}) until one reaches a {@link CoverageTarget},
 * shrinks it with the engine, and keeps its choice sequence in {@code generated-cases.txt}. An export (fast,
 * deterministic) replays each kept sequence exactly: the same commands, the same operations, the same bytes.
 */
public final class GeneratedCases {

    /** The kept choice sequences, one line per target: label, then the choices. */
    public static final String RESOURCE = "generated-cases.txt";
    private static final int MAX_COMMANDS = 40;
    /** The generator fingerprint of the search's replay files: the search and the replay draw cases alike. */
    private static final String GENERATOR = "vectors coverage search";

    private GeneratedCases() {
    }

    /** A generated case: the capabilities its script powered on with, and its operations. */
    record Case(Capabilities capabilities, List<Operation> operations) {
    }

    /** The generated scenarios, replayed from the kept sequences, in target order. */
    static List<Scenario> scenarios() {
        Map<String, ChoiceSequence> kept = kept();
        List<Scenario> scenarios = new ArrayList<>();
        for (CoverageTarget target : CoverageTarget.all()) {
            ChoiceSequence choices = kept.get(target.label());
            if (choices == null) {
                continue;
            }
            Case found = replay(target, choices).orElseThrow(() -> new IllegalStateException("the kept case of "
                    + target.label() + " no longer reaches it: the generators changed; run vtd-oracle vectors"
                    + " search"));
            scenarios.add(new Scenario(target.name(), target.chapter(), "generated and shrunk to reach "
                    + target.label(), "generated", found.capabilities(), List.of(),
                    script -> found.operations().forEach(script::probe)));
        }
        return scenarios;
    }

    /** The kept sequences by label. */
    static Map<String, ChoiceSequence> kept() {
        Map<String, ChoiceSequence> kept = new LinkedHashMap<>();
        try (InputStream in = GeneratedCases.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return kept;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    int blank = line.indexOf(' ');
                    kept.put(line.substring(0, blank), ChoiceSequence.parse(line.substring(blank + 1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return kept;
    }

    /**
     * Searches every target and writes the kept sequences to {@code file}; returns the labels not reached.
     * Deterministic for the same generators: the seed of a target is its label's hash.
     */
    public static List<String> search(Path file, int tries, int maxShrinks) throws IOException {
        StringBuilder text = new StringBuilder("# Coverage-directed generated cases (GeneratedCases): label, then the"
                + " shrunk choice sequence.\n# Written by: vtd-oracle vectors search " + file + "\n");
        List<String> missed = new ArrayList<>();
        for (CoverageTarget target : CoverageTarget.all()) {
            Optional<ChoiceSequence> found = search(target, tries, maxShrinks);
            found.ifPresentOrElse(choices -> text.append(target.label()).append(' ').append(choices).append('\n'),
                    () -> missed.add(target.label()));
        }
        Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
        return missed;
    }

    private static Optional<ChoiceSequence> search(CoverageTarget target, int tries, int maxShrinks)
            throws IOException {
        Path failures = Files.createTempDirectory("vtd-vectors-search");
        try {
            Property.named(target.name()).generator(GENERATOR).seed(target.label().hashCode()).tries(tries)
                    .maxShrinks(maxShrinks)
                    .shrinkSeconds(3600).failureDir(failures).ignoreSystemProperties()
                    .check(body(target, new Case[1]));
            return Optional.empty();
        } catch (AssertionError reached) {
            try (var files = Files.list(failures)) {
                Path replay = files.findFirst().orElseThrow(() -> reached);
                return Optional.of(ReplayFile.read(replay).choices());
            }
        } finally {
            deleteAll(failures);
        }
    }

    /** Replays {@code choices} exactly: the case, if it still reaches the target. */
    static Optional<Case> replay(CoverageTarget target, ChoiceSequence choices) {
        Case[] found = new Case[1];
        try {
            Path directory = Files.createTempDirectory("vtd-vectors-replay");
            try {
                Path file = new ReplayFile(target.name(), GENERATOR, 0, "reached", choices).write(directory);
                Property.named(target.name()).generator(GENERATOR).replaying(file).ignoreSystemProperties()
                        .check(body(target, found));
                return Optional.empty();
            } catch (AssertionError reached) {
                return Optional.ofNullable(found[0]);
            } finally {
                deleteAll(directory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A script of up to MAX_COMMANDS commands that "fails" as soon as the model's canonical outcomes reach the
     * target, leaving the case in {@code found} (the engine's last run is its minimal case, replayed).
     */
    private static TestBody body(CoverageTarget target, Case[] found) {
        return tc -> {
            GuestView view = new GuestView();
            RemappingUnit model = null;
            List<Operation> operations = new ArrayList<>();
            int commands = (int) tc.choice(MAX_COMMANDS - 1) + 1;
            for (int i = 0; i < commands; i++) {
                // the committed vectors are legacy-mode cases: no scalable-mode draw at power-on
                Command command = tc.draw(CommandGens.commands(target.profile().get().withScalable(0), view));
                Set<String> labels = new HashSet<>(CoverageLabels.ofCommand(view, command));
                List<Operation> issued = view.run(command);
                if (model == null && view.poweredOn()) {
                    model = new ModelUnit(view.capabilities());
                }
                for (Operation operation : issued) {
                    Outcome outcome = model.apply(operation);
                    labels.addAll(CoverageLabels.ofOutcome(view, operation, outcome));
                    operations.add(operation);
                }
                labels.addAll(CoverageLabels.ofSyncs(view));
                if (labels.contains(target.label())) {
                    found[0] = new Case(view.capabilities(), List.copyOf(operations));
                    throw new AssertionError("reached " + target.label());
                }
            }
        };
    }

    private static void deleteAll(Path directory) throws IOException {
        try (var files = Files.walk(directory)) {
            for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
