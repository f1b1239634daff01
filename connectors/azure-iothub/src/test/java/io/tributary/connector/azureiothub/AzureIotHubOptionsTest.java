package io.tributary.connector.azureiothub;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connector.SourceDefinition;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AzureIotHubOptionsTest {

    private static final String MINIMAL = """
            connectionString: ${IOTHUB_CONNECTION}
            iotHubName: acme-fleet-hub
            checkpointStore:
              connectionString: ${CHECKPOINT_STORAGE}
              container: iothub-checkpoints
            """;

    @Test
    void readsAMinimalSourceWithItsDefaults() {
        IotHubSettings settings = IotHubSettings.from(TestSources.source("fleet", MINIMAL, TestSources.ENV).protocol());

        assertThat(settings.eventHubName()).isEqualTo("acme-fleet-hub");
        assertThat(settings.endpoint().namespace()).isEqualTo("iothub-ns-acme-fleet-123.servicebus.windows.net");
        assertThat(settings.endpoint().emulator()).isFalse();
        assertThat(settings.consumerGroup()).isEqualTo("$Default");
        assertThat(settings.startingPosition()).isEqualTo("earliest");
        assertThat(settings.prefetch()).isEqualTo(500);
        assertThat(settings.maxBatchSize()).isEqualTo(100);
        assertThat(settings.checkpointInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.container()).isEqualTo("iothub-checkpoints");
        assertThat(settings.blobAccountUrl()).isNull();
    }

    @Test
    void neverShowsTheConnectionStringsInTextOrOrigin() {
        SourceDefinition source = TestSources.source("fleet", MINIMAL, TestSources.ENV);
        IotHubSettings settings = IotHubSettings.from(source.protocol());
        String origin = new AzureIotHubConnector().describeOrigin(source);

        for (String text : List.of(settings.toString(), origin, settings.endpoint().toString(),
                AzureIotHubConnector.uri(settings, "fleet"))) {
            assertThat(text).doesNotContain("c2VjcmV0", "c3RvcmFnZS1rZXk", "SharedAccessKey", "AccountKey");
        }
        assertThat(origin).isEqualTo("azure-iothub://acme-fleet-hub/acme-fleet-hub/ConsumerGroups/$Default "
                + "(endpoint sb://iothub-ns-acme-fleet-123.servicebus.windows.net)");
    }

    @Test
    void namesTheIotHubAsTheCloudEventSource() {
        SourceDefinition source = TestSources.source("fleet", MINIMAL, TestSources.ENV);

        assertThat(new AzureIotHubConnector().cloudEventSource(source)).contains("/azure-iothub/acme-fleet-hub");
    }

    @Test
    void readsEveryOption() {
        Map<String, String> env = new HashMap<>(TestSources.ENV);
        env.put("IOTHUB_CONNECTION", TestSources.CONNECTION.replace(";EntityPath=acme-fleet-hub", ""));
        IotHubSettings settings = IotHubSettings.from(TestSources.source("fleet", """
                connectionString: ${IOTHUB_CONNECTION}
                eventHubName: acme-fleet-hub-compat
                iotHubName: acme-fleet-hub
                consumerGroup: tributary
                checkpointStore:
                  accountUrl: https://acmehub.blob.core.windows.net
                  container: iothub-checkpoints
                startingPosition: enqueuedTime
                startingEnqueuedTime: 2026-11-21T08:00:00Z
                prefetch: 1000
                maxBatchSize: 250
                maxInFlightPerPartition: 2000
                checkpointInterval: 2s
                loadBalancingInterval: 5s
                ownershipExpiration: 30s
                """, env).protocol());

        assertThat(settings.eventHubName()).isEqualTo("acme-fleet-hub-compat");
        assertThat(settings.consumerGroup()).isEqualTo("tributary");
        assertThat(settings.blobAccountUrl()).isEqualTo("https://acmehub.blob.core.windows.net");
        assertThat(settings.startingEnqueuedTime()).hasToString("2026-11-21T08:00:00Z");
        assertThat(settings.maxInFlight()).isEqualTo(2000);
        assertThat(settings.ownershipExpiration()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void rejectsAConnectionStringWrittenIntoTheFileWithItsPosition() {
        assertThat(TestSources.problems(MINIMAL.replace("${IOTHUB_CONNECTION}", "Endpoint=sb://x/;SharedAccessKey=k"),
                TestSources.ENV)).singleElement().asString()
                .startsWith("src.yaml:2:21: azure-iothub.connectionString: is a secret")
                .doesNotContain("SharedAccessKey=k");
    }

    @Test
    void rejectsAServiceConnectionStringWithoutQuotingIt() {
        Map<String, String> env = new HashMap<>(TestSources.ENV);
        env.put("IOTHUB_CONNECTION", "HostName=acme-fleet-hub.azure-devices.net;SharedAccessKeyName=service;"
                + "SharedAccessKey=c2VjcmV0");
        assertThat(TestSources.problems(MINIMAL, env)).singleElement().asString()
                .startsWith("src.yaml:2:21: azure-iothub.connectionString: is not an Event Hubs-compatible")
                .contains("Built-in endpoints")
                .doesNotContain("c2VjcmV0");
    }

    @Test
    void needsAnEntityFromTheStringOrEventHubName() {
        Map<String, String> env = new HashMap<>(TestSources.ENV);
        env.put("IOTHUB_CONNECTION", TestSources.CONNECTION.replace(";EntityPath=acme-fleet-hub", ""));
        assertThat(TestSources.problems(MINIMAL, env)).singleElement().asString()
                .startsWith("src.yaml:2:3: azure-iothub.connectionString: the connection string has no EntityPath");
        assertThat(TestSources.problems(MINIMAL + "eventHubName: other\n", TestSources.ENV)).singleElement()
                .asString().startsWith("src.yaml:7:3: azure-iothub.eventHubName: eventHubName 'other' differs");
    }

    @Test
    void needsExactlyOneWayToTheCheckpointAccount() {
        String both = MINIMAL.replace("  container:", "  accountUrl: https://acmehub.blob.core.windows.net\n  container:");
        assertThat(TestSources.problems(both, TestSources.ENV)).singleElement().asString()
                .startsWith("src.yaml:6:5: azure-iothub.checkpointStore.accountUrl: set exactly one of");
        String neither = MINIMAL.replace("  connectionString: ${CHECKPOINT_STORAGE}\n", "");
        assertThat(TestSources.problems(neither, TestSources.ENV)).singleElement().asString()
                .startsWith("src.yaml:5:5: azure-iothub.checkpointStore.connectionString: set exactly one of");
    }

    @Test
    void checksNamesPositionsAndIntervals() {
        assertThat(TestSources.problems(MINIMAL.replace("iothub-checkpoints", "Checkpoints_1")
                        + "startingPosition: enqueuedTime\nconsumerGroup: 'a b'\n"
                        + "loadBalancingInterval: 20s\nownershipExpiration: 30s\n", TestSources.ENV))
                .containsExactly(
                        "src.yaml:6:16: azure-iothub.checkpointStore.container: 'Checkpoints_1' is not a Blob "
                                + "container name: 3 to 63 lowercase letters, digits or single hyphens",
                        "src.yaml:8:18: azure-iothub.consumerGroup: 'a b' is not a consumer group name: letters, "
                                + "digits, '.', '_' or '-'");
        assertThat(TestSources.problems(MINIMAL + "startingPosition: enqueuedTime\n"
                + "loadBalancingInterval: 20s\nownershipExpiration: 30s\n", TestSources.ENV))
                .containsExactly(
                        "src.yaml:7:3: azure-iothub.startingPosition: startingPosition: enqueuedTime needs "
                                + "startingEnqueuedTime, e.g. 2026-11-21T08:00:00Z",
                        "src.yaml:9:3: azure-iothub.ownershipExpiration: must be at least twice "
                                + "loadBalancingInterval (40s), or instances steal live partitions from each other");
        assertThat(TestSources.problems(MINIMAL + "startingPosition: oldest\n", TestSources.ENV)).singleElement()
                .asString().startsWith("src.yaml:7:21: azure-iothub.startingPosition:");
    }
}
