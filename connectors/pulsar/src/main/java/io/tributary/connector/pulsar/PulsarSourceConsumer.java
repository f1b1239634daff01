package io.tributary.connector.pulsar;

import java.lang.reflect.Field;
import java.util.Collection;
import org.apache.camel.Processor;
import org.apache.camel.component.pulsar.PulsarConsumer;
import org.apache.camel.component.pulsar.PulsarEndpoint;

/**
 * Camel's Pulsar consumer, made to fail its start loudly. Camel 4.17's consumer strategies log a failed subscribe
 * (broker unreachable, authentication refused, an Exclusive subscription held by another hub) and carry on with no
 * consumer, so the route would report Started while reading nothing. The only place that knows is the consumer's
 * private queue of Pulsar consumers, read here once after the start.
 */
final class PulsarSourceConsumer extends PulsarConsumer {

    private final String description;

    PulsarSourceConsumer(PulsarEndpoint endpoint, Processor processor, String description) {
        super(endpoint, processor);
        this.description = description;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (subscribed() == 0) {
            throw new IllegalStateException("could not subscribe to " + description + " (the broker refused or "
                    + "could not be reached; its reason is logged just above by Camel's Pulsar component)");
        }
    }

    private int subscribed() throws ReflectiveOperationException {
        Field consumers = PulsarConsumer.class.getDeclaredField("pulsarConsumers");
        consumers.setAccessible(true);
        Collection<?> queue = (Collection<?>) consumers.get(this);
        return queue == null ? 0 : queue.size();
    }
}
