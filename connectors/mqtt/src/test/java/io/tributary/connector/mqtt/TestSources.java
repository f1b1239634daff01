package io.tributary.connector.mqtt;

import io.tributary.connector.SourceDefinition;
import io.tributary.spec.ConfigValues;
import io.tributary.spec.Option;
import io.tributary.spec.Problems;
import io.tributary.spec.Section;
import io.tributary.spec.SpecReader;
import java.util.Map;
import java.util.Optional;

/** Reads the mqtt section of a source file the way the hub does, failing on any problem. */
final class TestSources {

    private static final Option<ConfigValues> MQTT = Option.section("mqtt", MqttOptions.SECTION).required()
            .description("mqtt").build();
    private static final Section ROOT = Section.builder("root").add(MQTT).build();

    private TestSources() {
    }

    static SourceDefinition source(String name, String mqttYaml, Map<String, String> env) {
        Problems problems = new Problems();
        String yaml = "mqtt:\n" + mqttYaml.indent(2);
        ConfigValues root = new SpecReader(v -> Optional.ofNullable(env.get(v))).read(name + ".yaml", yaml, ROOT,
                problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.toString());
        }
        return new SourceDefinition(name, "mqtt", root.get(MQTT), name + ".yaml");
    }
}
