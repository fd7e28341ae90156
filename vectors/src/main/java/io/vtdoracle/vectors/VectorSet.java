package io.vtdoracle.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vtdoracle.protocol.Json;
import io.vtdoracle.protocol.JsonFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A versioned set of vectors in a directory: {@code index.json} (format, version, the chapters and their ids, in
 * order) and one file per vector at {@code <id>.json}, e.g. {@code paging/superpage-2m-read.json}.
 */
public record VectorSet(List<Vector> vectors) {

    /** The format's name in index.json. */
    public static final String FORMAT = "vtd-oracle-vectors";
    /** The format's version: a reader refuses others. Raised when a field changes meaning. */
    public static final int VERSION = 1;

    public VectorSet {
        vectors = List.copyOf(vectors);
    }

    /** The set every {@link Catalogue} scenario expands to, in catalogue order, flagged with QEMU's divergences. */
    public static VectorSet export() {
        return new VectorSet(Catalogue.scenarios().stream().map(Expansion::of).map(QemuDivergences::flag).toList());
    }

    /** Every file of the set: its path relative to the directory, and its text. */
    public Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("index.json", index());
        vectors.forEach(vector -> files.put(vector.id() + ".json", VectorCodec.write(vector)));
        return files;
    }

    private String index() {
        StringBuilder text = new StringBuilder("{\n");
        text.append("  \"format\": \"").append(FORMAT).append("\",\n");
        text.append("  \"version\": ").append(VERSION).append(",\n");
        text.append("  \"vectors\": ").append(vectors.size()).append(",\n");
        text.append("  \"chapters\": [\n");
        List<String> lines = new ArrayList<>();
        for (Chapter chapter : Chapter.values()) {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("chapter", chapter.directory()).put("title", chapter.title());
            ArrayNode ids = node.putArray("vectors");
            vectors.stream().filter(vector -> vector.chapter() == chapter).forEach(vector -> ids.add(vector.id()));
            lines.add("    " + Json.line(node));
        }
        return text.append(String.join(",\n", lines)).append("\n  ]\n}\n").toString();
    }

    /** Writes the set into {@code directory}, removing the .json files of vectors no longer in it. */
    public void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Map<String, String> files = files();
        for (Chapter chapter : Chapter.values()) {
            Path folder = directory.resolve(chapter.directory());
            if (Files.isDirectory(folder)) {
                try (Stream<Path> old = Files.list(folder)) {
                    for (Path file : old.toList()) {
                        String name = chapter.directory() + "/" + file.getFileName();
                        if (name.endsWith(".json") && !files.containsKey(name)) {
                            Files.delete(file);
                        }
                    }
                }
            }
        }
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = directory.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
        }
    }

    /** The set in {@code directory}; a missing or malformed file is a {@link JsonFormatException} naming it. */
    public static VectorSet read(Path directory) {
        Path indexFile = directory.resolve("index.json");
        JsonNode index = Json.parse(readText(indexFile));
        String at = indexFile.toString();
        VectorCodec.requireObject(index, at);
        if (!FORMAT.equals(VectorCodec.text(index, at, "format"))) {
            throw new JsonFormatException(at + ".format", "must be \"" + FORMAT + "\"");
        }
        JsonNode version = VectorCodec.required(index, at, "version");
        if (!version.isInt() || version.asInt() != VERSION) {
            throw new JsonFormatException(at + ".version", "this reader knows version " + VERSION + ", not "
                    + version);
        }
        List<Vector> vectors = new ArrayList<>();
        JsonNode chapters = VectorCodec.array(index, at, "chapters");
        for (int c = 0; c < chapters.size(); c++) {
            for (String id : VectorCodec.strings(chapters.get(c), at + ".chapters[" + c + "]", "vectors")) {
                if (id.contains("..") || id.startsWith("/")) {
                    throw new JsonFormatException(at + ".chapters[" + c + "]", "not a vector id: " + id);
                }
                Path file = directory.resolve(id + ".json");
                Vector vector = VectorCodec.read(readText(file), file.toString());
                if (!vector.id().equals(id)) {
                    throw new JsonFormatException(file + ".id", "must be " + id + " (its path), not " + vector.id());
                }
                vectors.add(vector);
            }
        }
        return new VectorSet(vectors);
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new JsonFormatException(file.toString(), "no such file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
