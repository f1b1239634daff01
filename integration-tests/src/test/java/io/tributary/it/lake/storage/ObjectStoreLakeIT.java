package io.tributary.it.lake.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobServiceClientBuilder;
import io.tributary.connector.SourceConnectors;
import io.tributary.embedded.EmbeddedKafka;
import io.tributary.lake.storage.LakeStorage;
import io.tributary.routes.config.ConfigLoader;
import io.tributary.routes.config.LoadedConfig;
import io.tributary.routes.config.Variables;
import io.tributary.routes.runtime.Hub;
import io.tributary.routes.runtime.LakeStorages;
import io.tributary.testkit.Await;
import io.tributary.testkit.Azurite;
import io.tributary.testkit.HubConfig;
import io.tributary.testkit.Lake;
import io.tributary.testkit.Mosquitto;
import io.tributary.testkit.MqttPublisher;
import io.tributary.testkit.S3MockServer;
import io.tributary.testkit.Telemetry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MQTT to Kafka to a lake in an object store, configured only through hub.yaml's lake.storage: the
 * hub runs in this JVM against a real Mosquitto, a KRaft broker, S3Mock and Azurite. The lake is
 * read back with DuckDB over the published files, copied out through the storage's own list and
 * openForRead.
 */
class ObjectStoreLakeIT {

    private static final int DEVICES = 20;
    private static final int PER_DEVICE = 100;
    private static final int MESSAGES = DEVICES * PER_DEVICE;    private static final String BUCKET = "hub-lake";
    private static final String CONTAINER = "hub-lake";

    private static EmbeddedKafka kafka;
    private static Mosquitto mosquitto;
    private static S3MockServer s3;
    private static Azurite azurite;

    @TempDir
    Path work;

    @BeforeAll
    static void startServers() throws Exception {
        kafka = EmbeddedKafka.start();
        mosquitto = Mosquitto.persistent().start();
        s3 = S3MockServer.start(BUCKET);
        azurite = Azurite.start();
        new BlobServiceClientBuilder().connectionString(azurite.connectionString()).buildClient()
                .createBlobContainer(CONTAINER);
    }

    @AfterAll
    static void stopServers() {
        for (AutoCloseable server : new AutoCloseable[] {azurite, s3, mosquitto, kafka}) {
            try {
                if (server != null) {
                    server.close();
                }
            } catch (Exception e) {
                // keep stopping the others
            }
        }
    }

    @Test
    void writesEveryMessageIntoS3ThroughTheHubConfig() throws Exception {
        String storage = """
                  storage:
                    type: s3
                    s3:
                      bucket: %s
                      prefix: warehouse
                      region: %s
                      endpoint: %s
                      pathStyle: true
                      accessKeyId: ${LAKE_S3_KEY}
                      secretAccessKey: ${LAKE_S3_SECRET}
                      partSize: 5MiB
                """.formatted(BUCKET, S3MockServer.REGION, s3.endpoint());
        deliversEveryMessage("s3-lake", storage, Map.of("LAKE_S3_KEY", S3MockServer.ACCESS_KEY_ID,
                "LAKE_S3_SECRET", S3MockServer.SECRET_ACCESS_KEY));
    }

    @Test
    void writesEveryMessageIntoAzureBlobThroughTheHubConfig() throws Exception {
        String storage = """
                  storage:
                    type: azure
                    azure:
                      connectionString: ${LAKE_AZURE_CONNECTION}
                      container: %s
                      prefix: warehouse
                      blockSize: 1MiB
                """.formatted(CONTAINER);
        deliversEveryMessage("azure-lake", storage, Map.of("LAKE_AZURE_CONNECTION", azurite.connectionString()));
    }

    private void deliversEveryMessage(String name, String storageYaml, Map<String, String> env) throws Exception {
        String table = name.replace('-', '_');
        LoadedConfig config = new ConfigLoader(SourceConnectors.discover(), Variables.of(env))
                .load(writeConfig(name, table, storageYaml));
        assertThat(config.problems().toString()).isEmpty();

        try (LakeStorage storage = LakeStorages.open(config.hub()); Lake lake = Lake.open()) {
            try (Hub hub = Hub.start(config, System.out, 60_000)) {
                publish(name);
                long rows = Await.atLeast(MESSAGES, Duration.ofSeconds(90), Duration.ofSeconds(2),
                        () -> rowsPublished(lake, storage, table));
                assertThat(rows).isEqualTo(MESSAGES);
            }
            Path mirror = download(storage, table);
            String files = Lake.parquet(mirror, table);
            Map<String, Object> totals = lake.query("SELECT count(*) AS n, count(DISTINCT device_id) AS devices, "
                    + "count(DISTINCT (kafka_partition, kafka_offset)) AS positions, "
                    + "count(DISTINCT (device_id, seq)) AS messages, sum(seq) AS seqs FROM " + files).get(0);
            assertThat(totals).containsEntry("n", (long) MESSAGES).containsEntry("devices", (long) DEVICES)
                    .containsEntry("positions", (long) MESSAGES).containsEntry("messages", (long) MESSAGES);
            assertThat(((Number) totals.get("seqs")).longValue())
                    .isEqualTo((long) DEVICES * PER_DEVICE * (PER_DEVICE - 1) / 2);
            // everything the hub staged was published when it stopped
            assertThat(storage.listStaged(table + "/")).isEmpty();
            assertThat(storage.list(table + "/")).allSatisfy(path -> assertThat(path)
                    .matches(table + "/dt=2026-11-21/.*\\.parquet|" + table + "/_tributary/.*"));
        }
    }

    private Path writeConfig(String name, String table, String storageYaml) throws IOException {
        Path dir = Files.createDirectories(work.resolve("config-" + name).resolve("sources")).getParent();
        Files.writeString(dir.resolve("hub.yaml"), """
                kafka:
                  bootstrapServers: %s
                lake:
                  root: %s
                %s
                http:
                  port: 0
                """.formatted(kafka.bootstrapServers(), work.resolve("unused-local-lake"), storageYaml.stripTrailing()));
        Files.writeString(dir.resolve("sources").resolve(name + ".yaml"), HubConfig.mqttSource(name, mosquitto.url())
                + HubConfig.telemetrySections("fromTopic: " + name + "/{device}/telemetry", "telemetry." + name, table,
                        500));
        return dir;
    }

    private static void publish(String name) {
        try (MqttPublisher publisher = MqttPublisher.connect(mosquitto.url())) {
            publisher.publish(MESSAGES, 1,
                    i -> name + "/" + Telemetry.device(i % DEVICES) + "/telemetry",
                    i -> payload(i % DEVICES, i / DEVICES),
                    Duration.ofSeconds(60));
        }
    }

    private static byte[] payload(int device, int seq) {
        return ("{\"seq\":" + seq + ",\"ts\":\"" + Telemetry.START.plusSeconds(seq) + "\",\"temp\":" + (15.0 + device * 0.25 + seq % 7)
                + "}").getBytes(StandardCharsets.UTF_8);
    }

    private long rowsPublished(Lake lake, LakeStorage storage, String table) {
        try {
            return lake.count(download(storage, table), table);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the table's published Parquet files, keeping their paths, through list and openForRead. */
    private Path download(LakeStorage storage, String table) throws IOException {
        Path mirror = Files.createTempDirectory(work, "mirror-");
        for (String path : storage.list(table + "/")) {
            if (path.endsWith(".parquet")) {
                InputFile file = storage.openForRead(path);
                byte[] bytes = new byte[Math.toIntExact(file.getLength())];
                try (SeekableInputStream in = file.newStream()) {
                    in.readFully(bytes);
                }
                Path local = mirror.resolve(path);
                Files.createDirectories(local.getParent());
                Files.write(local, bytes);
            }
        }
        return mirror;
    }
}
