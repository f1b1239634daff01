package io.tributary.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes the JSON Schema of a declared section, for editors (yaml-language-server) and other tools. */
public final class JsonSchemas {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonSchemas() {
    }

    public static ObjectNode schema(Section root, String id, String title) {
        ObjectNode schema = MAPPER.createObjectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", id);
        schema.put("title", title);
        root.describe(schema);
        return schema;
    }

    public static String text(Section root, String id, String title) {
        try {
            return MAPPER.writeValueAsString(schema(root, id, title)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
