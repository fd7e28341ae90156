package io.vtdoracle.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vtdoracle.protocol.JsonFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorCodecTest {

    private static final VectorSet COMMITTED = VectorSet.read(CommittedVectorsTest.COMMITTED);

    @Test
    void everyCommittedVectorReadsBackToTheSameText() throws Exception {
        for (Vector vector : COMMITTED.vectors()) {
            String text = Files.readString(CommittedVectorsTest.COMMITTED.resolve(vector.id() + ".json"));
            assertThat(VectorCodec.write(VectorCodec.read(text, vector.id()))).as(vector.id()).isEqualTo(text);
        }
    }

    @Test
    void aMalformedStepIsNamedByFileAndField() {
        String text = VectorCodec.write(COMMITTED.vectors().get(0)).replaceFirst("\"op\":\"read-register\"",
                "\"op\":\"poke\"");
        assertThatThrownBy(() -> VectorCodec.read(text, "registers/reset-values.json"))
                .isInstanceOf(JsonFormatException.class)
                .hasMessageContaining("registers/reset-values.json.steps[0].operation");
    }

    @Test
    void anotherVersionIsRefused(@TempDir Path directory) throws Exception {
        Files.writeString(directory.resolve("index.json"),
                "{\"format\":\"vtd-oracle-vectors\",\"version\":2,\"vectors\":0,\"chapters\":[]}");
        assertThatThrownBy(() -> VectorSet.read(directory)).isInstanceOf(JsonFormatException.class)
                .hasMessageContaining("version").hasMessageContaining("knows version 1");
    }

    @Test
    void aMissingVectorFileIsNamed(@TempDir Path directory) throws Exception {
        Files.writeString(directory.resolve("index.json"), "{\"format\":\"vtd-oracle-vectors\",\"version\":1,"
                + "\"vectors\":1,\"chapters\":[{\"chapter\":\"paging\",\"vectors\":[\"paging/gone\"]}]}");
        assertThatThrownBy(() -> VectorSet.read(directory)).isInstanceOf(JsonFormatException.class)
                .hasMessageContaining("gone.json").hasMessageContaining("no such file");
    }

    @Test
    void theSchemaNamesTheChaptersAndOriginsOfTheSet() throws Exception {
        var schema = io.vtdoracle.protocol.Json.parse(Files.readString(Path.of("..", "docs", "vectors.schema.json")));
        var chapters = new java.util.ArrayList<String>();
        schema.at("/$defs/chapter/enum").forEach(node -> chapters.add(node.asText()));
        assertThat(chapters).containsExactly(java.util.Arrays.stream(Chapter.values()).map(Chapter::directory)
                .toArray(String[]::new));
        var origins = new java.util.HashSet<String>();
        schema.at("/$defs/vector/properties/origin/enum").forEach(node -> origins.add(node.asText()));
        assertThat(origins).containsAll(COMMITTED.vectors().stream().map(Vector::origin).toList());
        assertThat(schema.at("/$defs/index/properties/version/const").asInt()).isEqualTo(VectorSet.VERSION);
    }
}
