package io.tributary.connector.pulsar;

import org.apache.camel.Exchange;
import org.apache.camel.component.pulsar.DefaultPulsarMessageReceipt;
import org.apache.camel.component.pulsar.PulsarMessageReceipt;
import org.apache.camel.component.pulsar.PulsarMessageReceiptFactory;
import org.apache.camel.spi.Synchronization;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acknowledges a Pulsar message individually when its exchange completes, and negatively acknowledges it when the
 * exchange fails, so Pulsar redelivers it (after negativeAckRedeliveryDelay) and, past maxRedeliveries, moves it to
 * the dead-letter topic.
 *
 * <p>Why a receipt factory: with {@code allowManualAcknowledgement} Camel's {@code PulsarMessageListener} neither
 * acks nor nacks (without it, it acks in the processing callback, and a failed exchange is left unacknowledged
 * until an ack timeout), and it calls this factory with the exchange, the message and its consumer before
 * routing. The route completes an exchange only after Kafka acknowledged the write (or the dead-letter write), so
 * the hook registered here acks exactly what Kafka holds. The hook is on the exchange rather than in a header
 * because the envelope drops every incoming header.
 */
final class AcknowledgeOnCompletion implements PulsarMessageReceiptFactory {

    private static final Logger LOG = LoggerFactory.getLogger(AcknowledgeOnCompletion.class);

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public PulsarMessageReceipt newInstance(Exchange exchange, Message message, Consumer consumer) {
        exchange.getExchangeExtension().addOnCompletion(new Hook(consumer, message));
        return new DefaultPulsarMessageReceipt(consumer, message.getMessageId());
    }

    private record Hook(Consumer<?> consumer, Message<?> message) implements Synchronization {

        @Override
        public void onComplete(Exchange exchange) {
            consumer.acknowledgeAsync(message.getMessageId()).exceptionally(failure -> {
                // the consumer closed or lost its connection: Pulsar redelivers the message, Kafka gets a duplicate
                LOG.warn("Acknowledging Pulsar message {} on {} failed ({}); it will be redelivered",
                        message.getMessageId(), message.getTopicName(), failure.toString());
                return null;
            });
        }

        @Override
        public void onFailure(Exchange exchange) {
            LOG.debug("Pulsar message {} on {} failed; negatively acknowledged for redelivery",
                    message.getMessageId(), message.getTopicName());
            consumer.negativeAcknowledge(message);
        }
    }
}
