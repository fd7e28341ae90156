package io.vtdoracle.vectors;

import io.vtdoracle.api.Capabilities;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A named scenario: what a guest (and the VMM) does to a unit, written against a {@link Script}. The vector set is
 * its scenarios expanded through the model ({@link Expansion}).
 *
 * @param name         the vector's name within its chapter ("superpage-2m-read"); with the chapter, its stable id
 * @param chapter      where it is grouped
 * @param title        what it checks, one line
 * @param origin       where it comes from: "hand-written", "rfc-trace" or "generated"
 * @param capabilities the unit's capabilities
 * @param divergences  ids of known QEMU divergences it exercises (qemu-known-divergences.txt, docs/divergences.md)
 * @param body         the guest's program
 */
public record Scenario(String name, Chapter chapter, String title, String origin, Capabilities capabilities,
                       List<String> divergences, Consumer<Script> body) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public Scenario {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a vector name is lower-case words joined by '-', not " + name);
        }
        divergences = List.copyOf(divergences);
    }

    /** The stable id, "chapter/name". */
    public String id() {
        return chapter.directory() + "/" + name;
    }

    /** The operations of the scenario, each marked whether it is a probe (what the scenario checks). */
    public List<Script.Entry> operations() {
        Script script = new Script(capabilities);
        body.accept(script);
        return script.entries();
    }
}
