package io.tributary.connector.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connector.SourceDefinition;
import io.tributary.spec.ConfigValues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PubSubOptionsTest {

    @TempDir
    Path dir;

    @Test
    void readsAMinimalSourceWithItsDefaults() {
        ConfigValues pubsub = TestSources.source("fleet", """
                project: acme-telemetry
                subscription: fleet-hub
                """, Map.of()).protocol();

        assertThat(pubsub.get(PubSubOptions.CREATE_SUBSCRIPTION)).isFalse();
        assertThat(pubsub.get(PubSubOptions.TOPIC)).isNull();
        assertThat(pubsub.get(PubSubOptions.CREDENTIALS_FILE)).isNull();
        assertThat(pubsub.get(PubSubOptions.EMULATOR_HOST)).isNull();
        assertThat(pubsub.get(PubSubOptions.MAX_OUTSTANDING_MESSAGES)).isEqualTo(1_000L);
        assertThat(pubsub.get(PubSubOptions.MAX_OUTSTANDING_BYTES)).isEqualTo(100_000_000L);
        assertThat(pubsub.get(PubSubOptions.ACK_DEADLINE)).isEqualTo(Duration.ofSeconds(30));
        assertThat(pubsub.get(PubSubOptions.CONCURRENT_STREAMS)).isEqualTo(1);
        assertThat(pubsub.get(PubSubOptions.ORDERING)).isFalse();
    }

    @Test
    void readsEveryOptionAndTheEmulatorHostFromTheEnvironmentOnlyWhenWritten() {
        SourceDefinition source = TestSources.source("fleet", """
                project: acme-telemetry
                subscription: fleet-hub
                createSubscription: true
                topic: fleet-telemetry
                emulatorHost: ${PUBSUB_EMULATOR_HOST}
                maxOutstandingMessages: 500
                maxOutstandingBytes: 8MB
                ackDeadline: 20s
                concurrentStreams: 2
                ordering: true
                """, Map.of("PUBSUB_EMULATOR_HOST", "127.0.0.1:8085"));
        PullSettings settings = PubSubEndpointFactory.settings(source.protocol());

        assertThat(source.protocol().get(PubSubOptions.EMULATOR_HOST)).isEqualTo("127.0.0.1:8085");
        assertThat(settings).isEqualTo(new PullSettings("acme-telemetry", "fleet-hub", "fleet-telemetry", 500,
                8L * 1000 * 1000, Duration.ofSeconds(20), 2, true));
        assertThat(settings.workerThreads()).isEqualTo(2 * PullSettings.WORKERS_PER_STREAM);
    }

    @Test
    void shouldRejectBadValuesWithFileLineAndColumn() {
        List<String> problems = TestSources.problems("""
                project: Acme_Telemetry
                subscription: projects/acme/subscriptions/fleet
                emulatorHost: http://127.0.0.1:8085
                maxOutstandingMessages: 0
                ackDeadline: 5s
                concurrentStreams: 33
                ordering: maybe
                """, Map.of());

        assertThat(problems).hasSize(7);
        assertThat(problems.get(0)).startsWith("src.yaml:2:12: pubsub.project: 'Acme_Telemetry' is not a project id");
        assertThat(problems.get(1)).startsWith("src.yaml:3:17: pubsub.subscription: write only the subscription id");
        assertThat(problems.get(2)).startsWith("src.yaml:4:17: pubsub.emulatorHost: 'http://127.0.0.1:8085' is not host:port");
        assertThat(problems.get(3)).isEqualTo("src.yaml:5:27: pubsub.maxOutstandingMessages: must be between 1 and 1000000, found 0");
        assertThat(problems.get(4)).isEqualTo("src.yaml:6:16: pubsub.ackDeadline: must be between 10s and 600s (Pub/Sub's limits)");
        assertThat(problems.get(5)).isEqualTo("src.yaml:7:22: pubsub.concurrentStreams: must be between 1 and 32, found 33");
        assertThat(problems.get(6)).startsWith("src.yaml:8:13: pubsub.ordering: expected true or false");
    }

    @Test
    void shouldRejectUnknownOptionWithASuggestion() {
        assertThat(TestSources.problems("""
                project: acme-telemetry
                subscription: fleet-hub
                maxOutstandingMessage: 10
                """, Map.of()))
                .containsExactly("src.yaml:4:3: pubsub.maxOutstandingMessage: unknown key 'maxOutstandingMessage'; "
                        + "did you mean 'maxOutstandingMessages'?");
    }

    @Test
    void createSubscriptionNeedsATopicAndATopicNeedsCreateSubscription() {
        assertThat(TestSources.problems("""
                project: acme-telemetry
                subscription: fleet-hub
                createSubscription: true
                """, Map.of()))
                .containsExactly("src.yaml:4:3: pubsub.createSubscription: createSubscription: true needs topic, "
                        + "the topic to attach the subscription to");
        assertThat(TestSources.problems("""
                project: acme-telemetry
                subscription: fleet-hub
                topic: fleet-telemetry
                """, Map.of()))
                .singleElement().asString().startsWith("src.yaml:4:3: pubsub.topic: topic is only used with "
                        + "createSubscription: true");
    }

    @Test
    void credentialsFileMustExistAndCannotGoWithTheEmulator() throws IOException {
        assertThat(TestSources.problems("""
                project: acme-telemetry
                subscription: fleet-hub
                credentialsFile: /nonexistent/key.json
                """, Map.of()))
                .singleElement().asString()
                .startsWith("src.yaml:4:20: pubsub.credentialsFile: no such file: /nonexistent/key.json");

        Path key = Files.writeString(dir.resolve("key.json"), "{}");
        assertThat(TestSources.problems("""
                project: acme-telemetry
                subscription: fleet-hub
                credentialsFile: %s
                emulatorHost: 127.0.0.1:8085
                """.formatted(key), Map.of()))
                .containsExactly("src.yaml:4:3: pubsub.credentialsFile: an emulator (emulatorHost) takes no "
                        + "credentials; remove credentialsFile or emulatorHost");
    }

    @Test
    void shouldRejectAnUnsetEmulatorVariableInsteadOfFallingBackToGoogle() {
        assertThat(TestSources.problems("""
                project: acme-telemetry
                subscription: fleet-hub
                emulatorHost: ${PUBSUB_EMULATOR_HOST}
                """, Map.of()))
                .containsExactly("src.yaml:4:17: pubsub.emulatorHost: environment variable PUBSUB_EMULATOR_HOST is "
                        + "not set (referenced as ${PUBSUB_EMULATOR_HOST})");
    }
}
