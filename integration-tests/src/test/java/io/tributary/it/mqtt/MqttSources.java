package io.tributary.it.mqtt;

import io.tributary.connector.SourceDefinition;
import io.tributary.connector.mqtt.MqttConnector;
import io.tributary.spec.ConfigValues;
import io.tributary.spec.Option;
import io.tributary.spec.Problems;
import io.tributary.spec.Section;
import io.tributary.spec.SpecReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.builder.RouteBuilder;

/** Reads an {@code mqtt:} section through the declared spec and wires its endpoints into plain Camel routes. */
final class MqttSources {

    static final MqttConnector CONNECTOR = new MqttConnector();
    private static final Option<ConfigValues> MQTT = Option.section("mqtt", CONNECTOR.options()).required()
            .description("mqtt").build();
    private static final Section ROOT = Section.builder("a source file, reduced to its mqtt section").add(MQTT).build();

    private MqttSources() {
    }

    static SourceDefinition source(String name, String mqttYaml, Map<String, String> env) {
        Problems problems = new Problems();
        ConfigValues root = new SpecReader(v -> Optional.ofNullable(env.get(v)))
                .read(name + ".yaml", "mqtt:\n" + mqttYaml.indent(2), ROOT, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.toString());
        }
        return new SourceDefinition(name, "mqtt", root.get(MQTT), name + ".yaml");
    }

    /** One route per endpoint, ids {@code <source>-<index>}, each into the collector; returns the route ids. */
    static List<String> route(CamelContext camel, SourceDefinition source, Collector collector) throws Exception {
        return route(camel, source, collector, 0);
    }

    /**
     * As {@link #route(CamelContext, SourceDefinition, Collector)}, but each exchange first waits {@code asyncDelayMs}
     * on another thread, as it does while a Kafka producer waits for its acknowledgement.
     */
    static List<String> route(CamelContext camel, SourceDefinition source, Collector collector, long asyncDelayMs)
            throws Exception {
        List<Endpoint> endpoints = CONNECTOR.endpoints(source, camel);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (int i = 0; i < endpoints.size(); i++) {
                    var route = from(endpoints.get(i)).routeId(source.name() + "-" + i);
                    if (asyncDelayMs > 0) {
                        route.delay(asyncDelayMs).asyncDelayed().end();
                    }
                    route.process(collector);
                }
            }
        });
        return java.util.stream.IntStream.range(0, endpoints.size()).mapToObj(i -> source.name() + "-" + i).toList();
    }
}
