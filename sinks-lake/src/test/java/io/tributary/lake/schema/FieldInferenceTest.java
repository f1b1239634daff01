package io.tributary.lake.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.lake.ColumnType;
import io.tributary.lake.LakeColumn;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldInferenceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FieldInference inference = new FieldInference("fleet",
            List.of(new LakeColumn("temperature", ColumnType.DOUBLE, "/temp", true),
                    new LakeColumn("pressure", ColumnType.DOUBLE, "/sensors/p", false)));

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static Map<String, SchemaColumn> byName(List<SchemaColumn> columns) {
        Map<String, SchemaColumn> map = new HashMap<>();
        columns.forEach(c -> map.put(c.name(), c));
        return map;
    }

    @Test
    void infersScalarTypes() throws Exception {
        assertThat(FieldInference.typeOf(json("\"x\""))).contains(ColumnType.STRING);
        assertThat(FieldInference.typeOf(json("true"))).contains(ColumnType.BOOLEAN);
        assertThat(FieldInference.typeOf(json("42"))).contains(ColumnType.LONG);
        assertThat(FieldInference.typeOf(json("4.5"))).contains(ColumnType.DOUBLE);
        assertThat(FieldInference.typeOf(json("1e3"))).contains(ColumnType.DOUBLE);
        assertThat(FieldInference.typeOf(json("123456789012345678901234567890"))).contains(ColumnType.DOUBLE);
        assertThat(FieldInference.typeOf(json("null"))).isEmpty();
        assertThat(FieldInference.typeOf(json("{}"))).isEmpty();
        assertThat(FieldInference.typeOf(json("[1]"))).isEmpty();
    }

    @Test
    void makesFieldNamesValidColumnNames() {
        assertThat(FieldInference.columnName("Temp-C")).isEqualTo("temp_c");
        assertThat(FieldInference.columnName("2nd reading")).isEqualTo("_2nd_reading");
        assertThat(FieldInference.columnName("")).isEqualTo("_");
        assertThat(FieldInference.columnName("ünits")).isEqualTo("_nits");
        assertThat(FieldInference.columnName("x".repeat(100))).hasSize(63);
        for (String field : List.of("Temp-C", "2nd", "", "a/b~c", "0".repeat(80), "É")) {
            assertThat(FieldInference.columnName(field)).matches("[a-z_][a-z0-9_]{0,62}");
        }
        assertThat(FieldInference.pointer("a/b~c")).isEqualTo("/a~1b~0c");
    }

    @Test
    void proposesUndeclaredScalarFieldsOnly() throws Exception {
        List<SchemaColumn> wanted = inference.newColumns(
                json("{\"temp\": 1.5, \"sensors\": 3, \"Hum\": 40, \"ok\": true, \"site\": \"a\","
                        + " \"nested\": {\"x\": 1}, \"list\": [1], \"none\": null, \"device_id\": \"d\"}"),
                Map.of());
        assertThat(wanted).containsExactly(
                new SchemaColumn("hum", ColumnType.LONG, "/Hum", true),
                new SchemaColumn("ok", ColumnType.BOOLEAN, "/ok", true),
                new SchemaColumn("site", ColumnType.STRING, "/site", true));
    }

    @Test
    void widensLongToDoubleButNeverNarrows() throws Exception {
        Map<String, SchemaColumn> schema = byName(List.of(new SchemaColumn("hum", ColumnType.LONG, "/hum", true)));
        assertThat(inference.newColumns(json("{\"hum\": 41}"), schema)).isEmpty();
        assertThat(inference.newColumns(json("{\"hum\": 41.5}"), schema))
                .containsExactly(new SchemaColumn("hum", ColumnType.DOUBLE, "/hum", true));
        Map<String, SchemaColumn> wide = byName(List.of(new SchemaColumn("hum", ColumnType.DOUBLE, "/hum", true)));
        assertThat(inference.newColumns(json("{\"hum\": 41}"), wide)).isEmpty();
        assertThat(inference.newColumns(json("{\"hum\": \"high\"}"), wide)).isEmpty();
    }

    @Test
    void leavesOutFieldsWhoseColumnNameIsTaken() throws Exception {
        Map<String, SchemaColumn> schema = byName(List.of(new SchemaColumn("hum", ColumnType.LONG, "/hum", true)));
        assertThat(inference.newColumns(json("{\"HUM\": 1, \"Temperature\": 2}"), schema)).isEmpty();
    }
}
