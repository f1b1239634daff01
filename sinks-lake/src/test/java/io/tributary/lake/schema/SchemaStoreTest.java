package io.tributary.lake.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.lake.ColumnType;
import io.tributary.lake.LakeColumn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaStoreTest {

    @TempDir
    Path lake;

    @Test
    void readsNothingForANewTable() throws IOException {
        assertThat(new SchemaStore(SmallFiles.local(lake)).load("fleet")).isEqualTo(TableSchema.empty());
    }

    @Test
    void keepsColumnsAndHistoryAcrossSaveAndLoad() throws IOException {
        TableSchema first = SchemaEvolution.evolve("fleet", TableSchema.empty(),
                List.of(new LakeColumn("temp", ColumnType.DOUBLE, "/t", true)));
        TableSchema second = first.widen(List.of(new SchemaColumn("hum", ColumnType.LONG, "/Hum", true)))
                .widen(List.of(new SchemaColumn("hum", ColumnType.DOUBLE, "/Hum", true)));
        SchemaStore store = new SchemaStore(SmallFiles.local(lake));
        store.save("fleet", second);

        assertThat(lake.resolve("fleet/_tributary/schema.json")).exists();
        assertThat(store.load("fleet")).isEqualTo(second);
        assertThat(second.version()).isEqualTo(3);
        assertThat(Files.readString(lake.resolve("fleet/_tributary/schema.json")))
                .contains("\"from\" : \"long\"", "\"to\" : \"double\"");
        try (var leftovers = Files.list(lake.resolve("fleet/_tributary"))) {
            assertThat(leftovers).hasSize(1);
        }
    }

    @Test
    void namesTheFileWhenItCannotBeRead() throws IOException {
        Files.createDirectories(lake.resolve("fleet/_tributary"));
        Files.writeString(lake.resolve("fleet/_tributary/schema.json"), "{\"version\": 1}");
        assertThatThrownBy(() -> new SchemaStore(SmallFiles.local(lake)).load("fleet"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("fleet/_tributary/schema.json is not a schema file")
                .hasMessageContaining("'columns' is missing");
    }
}
