package io.tributary.it.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connector.SourceConnectors;
import io.tributary.routes.config.ConfigLoader;
import io.tributary.routes.config.LoadedConfig;
import io.tributary.routes.config.Variables;
import io.tributary.routes.runtime.Hub;
import io.tributary.testkit.Await;
import io.tributary.testkit.KafkaTopicReader;
import io.tributary.testkit.Lake;
import io.tributary.testkit.TelemetryLakeCheck;
import io.tributary.testkit.eventhubs.IotHubTelemetry;
import io.tributary.testkit.Telemetry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IoT Hub (the Event Hubs test server, or the emulator) to Kafka to the Parquet lake, with the hub in this JVM and
 * checkpoints in Azurite: 5,000 messages from 20 devices over 4 partitions, device ids from IoT Hub's system
 * property iothub-connection-device-id without a device: section (the connector's default), checked with DuckDB.
 */
class AzureIotHubToLakeIT extends AzureIotHubServers {

    static final int DEVICES = 20;
    static final int PER_DEVICE = 250;
    static final int MESSAGES = DEVICES * PER_DEVICE;

    @TempDir
    Path work;

    @Test
    void deliversFiveThousandMessagesFromTwentyDevicesOverFourPartitionsIntoTheLake() throws Exception {
        String name = "iothub-lake";
        Path lakeRoot = work.resolve("lake");
        String table = IotHubHubConfig.table(name);
        try (IotHubTelemetry hubEndpoint = IotHubTelemetry.open("acme-fleet-hub", 4);
             Lake lake = Lake.open()) {
            // a backlog first, so the hub's pace is measured rather than the publisher's
            hubEndpoint.publish(IotHubHubConfig.interleaved(name, DEVICES, 0, PER_DEVICE));
            if (hubEndpoint instanceof IotHubTelemetry.TestServerTelemetry server) {
                assertThat(server.partitionIds()).allSatisfy(p ->
                        assertThat(server.server().size(p)).as("events in partition %s", p).isPositive());
            }
            // no periodic checkpoint during the test: what is in the container afterwards was written on stop
            Path dir = IotHubHubConfig.write(work, name, kafka.bootstrapServers(), lakeRoot, "1h");
            LoadedConfig config = new ConfigLoader(SourceConnectors.discover(), Variables.of(
                    IotHubHubConfig.variables(hubEndpoint.connectionString(), azurite.connectionString()))).load(dir);
            assertThat(config.problems().toString()).isEmpty();
            assertThat(config.sources().get(0).device()).as("device ids from the connector's default, not device:")
                    .isEmpty();
            long started = System.nanoTime();
            try (Hub hub = Hub.start(config, System.out, 60_000)) {
                assertThat(Await.atLeast(MESSAGES, Duration.ofSeconds(90), () -> written(hub)))
                        .as("messages written to Kafka").isGreaterThanOrEqualTo(MESSAGES);
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf("IoT Hub (test server) -> Kafka: %d messages in %.1f s (%.0f messages/s, hub "
                        + "start and partition claims included)%n", MESSAGES, seconds, MESSAGES / seconds);
                assertThat(Await.atLeast(MESSAGES, Duration.ofSeconds(30), () -> lake.count(lakeRoot, table)))
                        .isGreaterThanOrEqualTo(MESSAGES);
            }
            if (hubEndpoint instanceof IotHubTelemetry.TestServerTelemetry server) {
                Map<String, Long> checkpoints = CheckpointBlobs.sequenceNumbers(azurite.connectionString(),
                        IotHubHubConfig.container(name));
                for (String partition : server.partitionIds()) {
                    assertThat(checkpoints.get(partition)).as("the final checkpoint of partition %s", partition)
                            .isEqualTo(server.server().size(partition) - 1L);
                }
            }
            String parquet = Lake.parquet(lakeRoot, table);
            String mine = " WHERE device_id LIKE '" + name + "-dev-%'";
            TelemetryLakeCheck.assertEveryMessageOnce(lake, parquet + mine, DEVICES, PER_DEVICE,
                    d -> IotHubHubConfig.device(name, d), Telemetry::temperature);
        }

        List<KafkaTopicReader.Record> records = new KafkaTopicReader(kafka.bootstrapServers())
                .readToEnd(IotHubHubConfig.topic(name), Duration.ofSeconds(30)).stream()
                .filter(r -> r.key().startsWith(name + "-dev-")).toList();
        printRate(records);
        assertThat(records.stream().map(r -> r.header("ce_id")).collect(Collectors.toSet())).hasSize(MESSAGES);
        Set<String> partitions = records.stream().map(r -> r.header("tributary_iothub_partition_id"))
                .collect(Collectors.toSet());
        assertThat(partitions).as("IoT Hub partitions read").hasSize(4);
        KafkaTopicReader.Record first = records.get(0);
        assertThat(first.header("ce_type")).isEqualTo("io.tributary.azure-iothub.message");
        assertThat(first.header("ce_subject")).isEqualTo(first.key());
        assertThat(first.header("tributary_iothub_device_id")).isEqualTo(first.key());
        assertThat(first.header("ce_id")).isEqualTo(first.header("tributary_iothub_message_id"))
                .startsWith(first.key() + "-");
        assertThat(first.header("tributary_iothub_message_source")).isEqualTo("Telemetry");
        assertThat(first.header("tributary_iothub_hub_name")).isEqualTo("acme-fleet-hub");
        assertThat(first.header("ce_source")).as("the IoT Hub is the origin").isEqualTo("/azure-iothub/acme-fleet-hub");
        assertThat(first.header("content-type")).isEqualTo("application/json");
        assertThat(first.header("tributary_iothub_content_encoding")).isEqualTo("utf-8");
        assertThat(first.header("tributary_iothub_prop_site")).isEqualTo("north");
        assertThat(first.header("tributary_iothub_prop_seq")).isNotBlank();
        assertThat(first.header("tributary_iothub_sequence_number")).isNotBlank();
        assertThat(first.header("tributary_iothub_offset")).isNotBlank();
        assertThat(Instant.parse(first.header("ce_time")))
                .isEqualTo(Instant.parse(first.header("tributary_iothub_enqueued_time")))
                .isBetween(Instant.now().minusSeconds(600), Instant.now());
    }

    /** The pace from Kafka's own timestamps: first to last record written, without the hub's start. */
    private static void printRate(List<KafkaTopicReader.Record> records) {
        long first = records.stream().mapToLong(KafkaTopicReader.Record::timestamp).min().orElse(0);
        long last = records.stream().mapToLong(KafkaTopicReader.Record::timestamp).max().orElse(0);
        double seconds = Math.max(1, last - first) / 1000.0;
        System.out.printf("IoT Hub (test server) -> Kafka: %d records in %.2f s by Kafka timestamps (%.0f records/s)%n",
                records.size(), seconds, records.size() / seconds);
    }

    private static long written(Hub hub) {
        return hub.metrics().totals().getOrDefault("tributary.source.written", 0L);
    }
}
