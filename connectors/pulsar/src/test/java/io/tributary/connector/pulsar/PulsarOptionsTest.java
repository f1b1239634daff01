package io.tributary.connector.pulsar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connector.SourceDefinition;
import io.tributary.spec.ConfigValues;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.component.pulsar.PulsarConfiguration;
import org.apache.camel.component.pulsar.utils.consumers.SubscriptionInitialPosition;
import org.apache.camel.component.pulsar.utils.consumers.SubscriptionType;
import org.junit.jupiter.api.Test;

class PulsarOptionsTest {

    @Test
    void readsAMinimalSourceWithSafeConsumerSettings() {
        ConfigValues pulsar = TestSources.source("fleet", """
                serviceUrl: pulsar://127.0.0.1:6650
                topics: [fleet]
                subscription: fleet-hub
                """, Map.of()).protocol();

        assertThat(PulsarEndpointFactory.topics(pulsar)).extracting(TopicNames::full)
                .containsExactly("persistent://public/default/fleet");
        PulsarConfiguration camel = PulsarEndpointFactory.configuration(pulsar);
        assertThat(camel.getSubscriptionName()).isEqualTo("fleet-hub");
        assertThat(camel.getSubscriptionType()).isEqualTo(SubscriptionType.KEY_SHARED);
        assertThat(camel.getSubscriptionInitialPosition()).isEqualTo(SubscriptionInitialPosition.EARLIEST);
        assertThat(camel.getConsumerQueueSize()).isEqualTo(1_000);
        assertThat(camel.isAllowManualAcknowledgement()).isTrue();
        assertThat(camel.getAckTimeoutMillis()).as("no ack timeout: a slow Kafka write must not duplicate").isZero();
        assertThat(camel.getNegativeAckRedeliveryDelayMicros()).isEqualTo(1_000_000L);
        assertThat(camel.getMaxRedeliverCount()).isEqualTo(10);
        assertThat(camel.getDeadLetterTopic()).isNull();
        assertThat(camel.isTopicsPattern()).isFalse();
    }

    @Test
    void readsEveryOptionWithTheTokenFromTheEnvironment() {
        SourceDefinition source = TestSources.source("fleet", """
                serviceUrl: pulsar://broker-1:6650,broker-2:6650
                topicsPattern: persistent://acme/telemetry/fleet-.*
                subscription: hub
                subscriptionType: Shared
                initialPosition: latest
                receiverQueueSize: 200
                consumers: 4
                maxRedeliveries: 3
                deadLetterTopic: acme/telemetry/fleet-dead
                negativeAckRedeliveryDelay: 250ms
                token: ${PULSAR_TOKEN}
                """, Map.of("PULSAR_TOKEN", "eyJ.secret"));
        ConfigValues pulsar = source.protocol();
        PulsarConfiguration camel = PulsarEndpointFactory.configuration(pulsar);

        assertThat(pulsar.get(PulsarOptions.TOKEN)).isEqualTo("eyJ.secret");
        assertThat(camel.isTopicsPattern()).isTrue();
        assertThat(camel.getSubscriptionType()).isEqualTo(SubscriptionType.SHARED);
        assertThat(camel.getSubscriptionInitialPosition()).isEqualTo(SubscriptionInitialPosition.LATEST);
        assertThat(camel.getConsumerQueueSize()).isEqualTo(200);
        assertThat(camel.getNumberOfConsumers()).isEqualTo(4);
        assertThat(camel.getMaxRedeliverCount()).isEqualTo(3);
        assertThat(camel.getDeadLetterTopic()).isEqualTo("persistent://acme/telemetry/fleet-dead");
        assertThat(camel.getNegativeAckRedeliveryDelayMicros()).isEqualTo(250_000L);
        assertThat(PulsarEndpointFactory.topics(pulsar)).singleElement().satisfies(t -> {
            assertThat(t.namespace()).isEqualTo("telemetry");
            assertThat(t.local()).isEqualTo("fleet-.*");
        });
        assertThat(new PulsarConnector().describeOrigin(source))
                .isEqualTo("pulsar://broker-1:6650,broker-2:6650/persistent://acme/telemetry/fleet-.*?subscription=hub")
                .doesNotContain("secret");
    }

    @Test
    void maxRedeliveriesZeroTurnsTheDeadLetterPolicyOff() {
        ConfigValues pulsar = TestSources.source("fleet", """
                serviceUrl: pulsar://127.0.0.1:6650
                topics: [a, b]
                subscription: s
                maxRedeliveries: 0
                """, Map.of()).protocol();

        assertThat(PulsarEndpointFactory.configuration(pulsar).getMaxRedeliverCount()).isNull();
        assertThat(PulsarEndpointFactory.topics(pulsar)).hasSize(2);
    }

    @Test
    void shouldRejectAnUnknownSubscriptionTypeWithFileLineAndColumn() {
        List<String> problems = TestSources.problems("""
                serviceUrl: pulsar://127.0.0.1:6650
                topics: [fleet]
                subscription: hub
                subscriptionType: KeyShared
                """, Map.of());

        assertThat(problems).singleElement().asString()
                .startsWith("src.yaml:5:21: pulsar.subscriptionType: ")
                .contains("Key_Shared").contains("KeyShared");
    }

    @Test
    void shouldRejectTopicsAndPatternTogetherAtBothKeys() {
        List<String> problems = TestSources.problems("""
                serviceUrl: pulsar://127.0.0.1:6650
                topics: [fleet]
                topicsPattern: persistent://public/default/fleet-.*
                subscription: hub
                """, Map.of());

        assertThat(problems).containsExactly(
                "src.yaml:3:3: pulsar.topics: give topics or topicsPattern, not both",
                "src.yaml:4:3: pulsar.topicsPattern: give topics or topicsPattern, not both");
    }

    @Test
    void shouldRejectNeitherTopicsNorPattern() {
        List<String> problems = TestSources.problems("""
                serviceUrl: pulsar://127.0.0.1:6650
                subscription: hub
                """, Map.of());

        assertThat(problems).singleElement().asString().contains("pulsar.topics: name the topics to read");
    }

    @Test
    void shouldRejectSeveralConsumersOnAnExclusiveSubscription() {
        List<String> problems = TestSources.problems("""
                serviceUrl: pulsar://127.0.0.1:6650
                topics: [fleet]
                subscription: hub
                subscriptionType: Exclusive
                consumers: 4
                """, Map.of());

        assertThat(problems).containsExactly("src.yaml:6:3: pulsar.consumers: consumers above 1 needs "
                + "subscriptionType Shared or Key_Shared; an Exclusive subscription serves one consumer at a time");
    }

    @Test
    void shouldRejectATokenWhoseVariableIsNotSet() {
        List<String> problems = TestSources.problems("""
                serviceUrl: pulsar+ssl://127.0.0.1:6651
                topics: [fleet]
                subscription: hub
                token: ${PULSAR_TOKEN}
                """, Map.of());

        assertThat(problems).singleElement().asString()
                .startsWith("src.yaml:5:10: pulsar.token: ")
                .contains("PULSAR_TOKEN is not set");
    }

    @Test
    void shouldRejectALiteralToken() {
        List<String> problems = TestSources.problems("""
                serviceUrl: pulsar://127.0.0.1:6650
                topics: [fleet]
                subscription: hub
                token: eyJhbGciOiJIUzI1NiJ9.literal
                """, Map.of());

        assertThat(problems).singleElement().asString().startsWith("src.yaml:5:10: pulsar.token: ")
                .doesNotContain("eyJhbGciOiJIUzI1NiJ9");
    }

    @Test
    void shouldRejectBadValuesWithFileLineAndColumn() {
        List<String> problems = TestSources.problems("""
                serviceUrl: http://127.0.0.1:8080
                topics: ["a/b/c/d"]
                subscription: "my sub"
                receiverQueueSize: 0
                negativeAckRedeliveryDelay: 2h
                tls:
                  certFile: /nonexistent/cert.pem
                """, Map.of());

        assertThat(problems).hasSize(6);
        assertThat(problems.get(0)).startsWith("src.yaml:2:15: pulsar.serviceUrl: 'http://127.0.0.1:8080' must start "
                + "with pulsar:// or pulsar+ssl://");
        assertThat(problems.get(1)).startsWith("src.yaml:3:11: pulsar.topics: 'a/b/c/d' is not a topic name");
        assertThat(problems.get(2)).startsWith("src.yaml:4:17: pulsar.subscription: 'my sub' must be a non-empty name");
        assertThat(problems.get(3)).isEqualTo("src.yaml:5:22: pulsar.receiverQueueSize: must be between 1 and 100000, found 0");
        assertThat(problems.get(4)).isEqualTo("src.yaml:6:31: pulsar.negativeAckRedeliveryDelay: must be between 0s and 1h");
        assertThat(problems.get(5)).isEqualTo("src.yaml:8:15: pulsar.tls.certFile: file not found: /nonexistent/cert.pem");
    }

    @Test
    void shouldRejectABadPattern() {
        List<String> problems = TestSources.problems("""
                serviceUrl: pulsar://127.0.0.1:6650
                topicsPattern: persistent://public/default/fleet-[
                subscription: hub
                """, Map.of());

        assertThat(problems).singleElement().asString()
                .startsWith("src.yaml:3:18: pulsar.topicsPattern: 'fleet-[' is not a regular expression");
    }

    @Test
    void shouldRejectTlsWithAPlainUrlAndADeadLetterTopicWithoutRedeliveries() {
        List<String> problems = TestSources.problems("""
                serviceUrl: pulsar://127.0.0.1:6650
                topics: [fleet]
                subscription: hub
                maxRedeliveries: 0
                deadLetterTopic: fleet-dead
                tls:
                  hostnameVerification: false
                """, Map.of());

        assertThat(problems).containsExactly(
                "src.yaml:6:3: pulsar.deadLetterTopic: deadLetterTopic needs maxRedeliveries above 0",
                "src.yaml:7:3: pulsar.tls: tls is only used with pulsar+ssl:// service URLs; change serviceUrl or "
                        + "remove tls");
    }

    @Test
    void topicNamesAcceptPulsarsShortForms() {
        assertThat(TopicNames.parse("fleet").full()).isEqualTo("persistent://public/default/fleet");
        assertThat(TopicNames.parse("acme/ns/fleet").full()).isEqualTo("persistent://acme/ns/fleet");
        assertThat(TopicNames.parse("non-persistent://acme/ns/fleet").domain()).isEqualTo("non-persistent");
        assertThatThrownBy(() -> TopicNames.parse("kafka://a/b/c")).hasMessageContaining("persistent://");
        assertThat(TopicNames.listProblem(List.of("fleet", "persistent://public/default/fleet")))
                .isEqualTo("a topic is listed twice");
    }

    @Test
    void durationOptionAcceptsTheUpperBound() {
        ConfigValues pulsar = TestSources.source("fleet", """
                serviceUrl: pulsar://127.0.0.1:6650
                topics: [fleet]
                subscription: hub
                negativeAckRedeliveryDelay: 1h
                """, Map.of()).protocol();
        assertThat(pulsar.get(PulsarOptions.NEGATIVE_ACK_REDELIVERY_DELAY)).isEqualTo(Duration.ofHours(1));
    }
}
