package io.tributary.routes.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.tributary.connector.SourceConnectors;
import io.tributary.spec.JsonSchemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Checks the generated JSON Schema with a validator we did not write (networknt): the shipped files pass, and
 * the mistakes our reader refuses are refused by the schema too, so editors and the CLI agree.
 */
class SchemaAgreesWithReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonSchema sourceSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(JsonSchemas.schema(SourceOptions.root(SourceConnectors.discover()), "https://tributary.io/test/source", "source"));
    private final JsonSchema hubSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(JsonSchemas.schema(HubOptions.ROOT, "https://tributary.io/test/hub", "hub"));

    private static JsonNode yaml(String text) {
        Object tree = new Yaml().load(text);
        return JSON.valueToTree(tree);
    }

    @Test
    void shippedFilesPassTheSchema() throws IOException {
        Path config = ShippedConfigTest.REPO.resolve("config");
        assertThat(hubSchema.validate(yaml(Files.readString(config.resolve("hub.yaml"))))).isEmpty();
        try (var files = Files.list(config.resolve("sources"))) {
            for (Path file : files.toList()) {
                assertThat(sourceSchema.validate(yaml(Files.readString(file)))).as(file.toString()).isEmpty();
            }
        }
    }

    @Test
    void schemaRefusesWhatTheReaderRefuses() {
        Set<ValidationMessage> unknownKey = sourceSchema.validate(yaml(ConfigLoaderTest.GOOD.replace("  topics:", "  topcis:")));
        assertThat(unknownKey).isNotEmpty();
        Set<ValidationMessage> badType = sourceSchema.validate(yaml(ConfigLoaderTest.GOOD.replace("type: mqtt", "type: mqt")));
        assertThat(badType).isNotEmpty();
        Set<ValidationMessage> missingSection = sourceSchema.validate(yaml(ConfigLoaderTest.GOOD.replace("mqtt:\n", "other:\n")));
        assertThat(missingSection).isNotEmpty();
        Set<ValidationMessage> literalSecret = sourceSchema.validate(yaml(ConfigLoaderTest.GOOD
                .replace("  qos", "  password: hunter2\n  qos").replace("  url:", "  password: hunter2\n  url:")));
        assertThat(literalSecret).isNotEmpty();
        Set<ValidationMessage> mqttWithoutDevice = sourceSchema.validate(yaml(ConfigLoaderTest.GOOD
                .replace("device:\n  fromTopic: fleet/{device}/telemetry\n", "")));
        assertThat(mqttWithoutDevice).as("mqtt has no default device id").isNotEmpty();
    }

    @Test
    void schemaAcceptsWhatTheReaderAccepts() {
        assertThat(sourceSchema.validate(yaml(ConfigLoaderTest.GOOD))).isEmpty();
        assertThat(sourceSchema.validate(yaml(ConfigLoaderTest.IOTHUB))).as("azure-iothub names the device itself")
                .isEmpty();
        assertThat(sourceSchema.validate(yaml(ConfigLoaderTest.IOTHUB + "device:\n  fromPayload: /deviceId\n")))
                .isEmpty();
    }
}
