package io.tributary.routes.runtime;

import io.tributary.embedded.DeviceFleetSimulator;
import io.tributary.embedded.EmbeddedKafka;
import io.tributary.embedded.EmbeddedMqttBroker;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: a KRaft broker, an MQTT broker and a simulated device fleet in the hub's own JVM, so the
 * shipped config runs on a machine with nothing else installed. The shipped files point at these brokers through
 * the variables {@code KAFKA_BOOTSTRAP} and {@code MQTT_URL}.
 */
public final class EmbeddedDefault implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDefault.class);
    public static final String FLEET_TOPICS = "fleet/{device}/telemetry";

    private final EmbeddedKafka kafka;
    private final EmbeddedMqttBroker mqtt;
    private DeviceFleetSimulator fleet;

    private EmbeddedDefault(EmbeddedKafka kafka, EmbeddedMqttBroker mqtt) {
        this.kafka = kafka;
        this.mqtt = mqtt;
    }

    public static EmbeddedDefault start() throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start();
        try {
            EmbeddedMqttBroker mqtt = EmbeddedMqttBroker.start(0);
            LOG.info("Embedded Kafka on {}, embedded MQTT broker on {}", kafka.bootstrapServers(), mqtt.url());
            return new EmbeddedDefault(kafka, mqtt);
        } catch (Exception e) {
            kafka.close();
            throw e;
        }
    }

    /** The variables the shipped config reads to find the embedded brokers. */
    public Map<String, String> variables() {
        return Map.of("KAFKA_BOOTSTRAP", kafka.bootstrapServers(), "MQTT_URL", mqtt.url());
    }

    public void startFleet(int devices, double messagesPerSecond) {
        fleet = new DeviceFleetSimulator(mqtt.url(), FLEET_TOPICS, devices, messagesPerSecond, 1);
        fleet.start();
        LOG.info("Simulated fleet: {} devices publishing {} messages/s in total to {}", devices, messagesPerSecond,
                FLEET_TOPICS);
    }

    public long published() {
        return fleet == null ? 0 : fleet.published();
    }

    /** Stops the fleet only, so the hub can drain what was published before the brokers go. */
    public void stopFleet() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Override
    public void close() {
        stopFleet();
        mqtt.close();
        kafka.close();
    }
}
