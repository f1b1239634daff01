package io.tributary.connector.kinesis;

import java.time.Duration;
import java.time.Instant;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.component.aws2.kinesis.Kinesis2Configuration;
import org.apache.camel.component.aws2.kinesis.client.KinesisClientFactory;
import org.apache.camel.support.DefaultEndpoint;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * A Kinesis stream as a Camel consumer endpoint. The client is built from Camel's {@link Kinesis2Configuration} by
 * Camel's {@link KinesisClientFactory} (region, endpoint override, credentials), but owned by this endpoint: the
 * aws2-kinesis component caches one client for all of its endpoints, so two sources with different regions or
 * credentials would silently share the first one's.
 */
final class KinesisEndpoint extends DefaultEndpoint {

    private final Kinesis2Configuration configuration;
    private final Settings settings;
    private KinesisClient client;

    /**
     * What the consumer needs beyond the client.
     *
     * @param streamName      the stream's name
     * @param streamArn       the stream's ARN when configured as one (then requests name the ARN), else null
     * @param initialPosition TRIM_HORIZON, LATEST or AT_TIMESTAMP
     * @param timestamp       the instant for AT_TIMESTAMP, else null
     */
    record Settings(String streamName, String streamArn, String initialPosition, Instant timestamp,
                    int maxRecordsPerPoll, Duration pollInterval, CheckpointStore checkpoints) {
    }

    KinesisEndpoint(String uri, CamelContext camel, Kinesis2Configuration configuration, Settings settings) {
        // no component: the aws2-kinesis component would configure this endpoint as one of its own
        super(uri, null);
        setCamelContext(camel);
        this.configuration = configuration;
        this.settings = settings;
    }

    Kinesis2Configuration configuration() {
        return configuration;
    }

    Settings settings() {
        return settings;
    }

    KinesisClient client() {
        return client;
    }

    @Override
    public Producer createProducer() {
        throw new IllegalStateException("a Tributary Kinesis source only reads; it cannot be a route's destination");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        KinesisShardConsumer consumer = new KinesisShardConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (client == null) {
            client = KinesisClientFactory.getKinesisClient(configuration);
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (client != null) {
            client.close();
            client = null;
        }
        super.doStop();
    }
}
