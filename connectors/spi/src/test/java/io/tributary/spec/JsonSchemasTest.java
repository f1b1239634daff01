package io.tributary.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class JsonSchemasTest {

    @Test
    void derivesSchemaFromDeclarations() {
        JsonNode schema = JsonSchemas.schema(SpecReaderTest.ROOT, "id", "title");
        assertThat(schema.get("additionalProperties").asBoolean()).isFalse();
        assertThat(schema.get("required").toString()).isEqualTo("[\"name\",\"mqtt\"]");
        JsonNode mqtt = schema.at("/properties/mqtt");
        assertThat(mqtt.at("/required").toString()).isEqualTo("[\"url\"]");
        assertThat(mqtt.at("/properties/qos/default").asInt()).isEqualTo(1);
        assertThat(mqtt.at("/properties/qos/anyOf/0/maximum").asInt()).isEqualTo(1);
        assertThat(mqtt.at("/properties/mode/enum").toString()).isEqualTo("[\"fast\",\"safe\"]");
        assertThat(mqtt.at("/properties/password/x-secret").asBoolean()).isTrue();
        assertThat(mqtt.at("/properties/maxAge/default").asText()).isEqualTo("1m");
        assertThat(mqtt.at("/properties/topics/items/type").asText()).isEqualTo("string");
    }

    @Test
    void docsListEveryKeyPathWithDefaults() {
        String docs = OptionDocs.markdown("Example", SpecReaderTest.ROOT);
        assertThat(docs).contains("| `mqtt.qos` | integer | `1` | qos |")
                .contains("| `mqtt.maxBytes` | byte size | `128MB` | b |")
                .contains("| `name` | string |  | n **Required.** |")
                .contains("**Secret**");
    }
}
