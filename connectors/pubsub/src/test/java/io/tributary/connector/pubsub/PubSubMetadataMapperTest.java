package io.tributary.connector.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Timestamp;
import io.tributary.connector.MessageMetadata;
import java.time.Instant;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.google.pubsub.GooglePubsubConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PubSubMetadataMapperTest {

    private final CamelContext camel = new DefaultCamelContext();

    @AfterEach
    void stop() throws Exception {
        camel.close();
    }

    private Exchange received(String id, Map<String, String> attributes, String orderingKey) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getIn().setBody(new byte[] {'{', '}'});
        exchange.getIn().setHeader(GooglePubsubConstants.MESSAGE_ID, id);
        exchange.getIn().setHeader(GooglePubsubConstants.PUBLISH_TIME,
                Timestamp.newBuilder().setSeconds(1_795_766_400L).setNanos(123_000_000).build());
        exchange.getIn().setHeader(GooglePubsubConstants.ATTRIBUTES, attributes);
        if (orderingKey != null) {
            exchange.getIn().setHeader(GooglePubsubConstants.ORDERING_KEY, orderingKey);
        }
        return exchange;
    }

    @Test
    void mapsMessageIdPublishTimeOrderingKeyAndEveryAttribute() {
        MessageMetadata metadata = new PubSubConnector().metadata(
                received("4711", Map.of("deviceId", "truck-7", "site", "north"), "truck-7"));

        Instant published = Instant.ofEpochSecond(1_795_766_400L, 123_000_000);
        assertThat(metadata.messageId()).isEqualTo("4711");
        assertThat(metadata.eventTime()).isEqualTo(published);
        assertThat(metadata.topic()).isNull();
        assertThat(metadata.redelivered()).isFalse();
        assertThat(metadata.headers()).containsExactly(
                Map.entry("pubsub_message_id", "4711"),
                Map.entry("pubsub_publish_time", published.toString()),
                Map.entry("pubsub_ordering_key", "truck-7"),
                Map.entry("pubsub_attr_deviceId", "truck-7"),
                Map.entry("pubsub_attr_site", "north"));
    }

    @Test
    void leavesOutAnEmptyOrderingKeyAndMarksLaterDeliveryAttemptsAsRedelivered() {
        MessageMetadata first = new PubSubConnector().metadata(
                received("1", Map.of("googclient_deliveryattempt", "1"), ""));
        MessageMetadata again = new PubSubConnector().metadata(
                received("1", Map.of("googclient_deliveryattempt", "3"), null));

        assertThat(first.headers()).doesNotContainKey("pubsub_ordering_key");
        assertThat(first.redelivered()).isFalse();
        assertThat(again.redelivered()).isTrue();
        assertThat(again.headers()).containsEntry("pubsub_attr_googclient_deliveryattempt", "3");
    }

    @Test
    void refusesAnExchangeThatDidNotComeFromPubSub() {
        Exchange exchange = new DefaultExchange(camel);
        assertThatThrownBy(() -> new PubSubConnector().metadata(exchange))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("did not come from a Pub/Sub endpoint");
    }
}
