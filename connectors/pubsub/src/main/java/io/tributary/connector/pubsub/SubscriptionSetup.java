package io.tributary.connector.pubsub;

import com.google.api.gax.rpc.AlreadyExistsException;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.SubscriptionAdminSettings;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.pubsub.v1.ProjectSubscriptionName;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.TopicName;
import java.io.IOException;

/**
 * Makes sure the subscription is there before the first pull, and that it delivers in the order the source was
 * configured for: creates topic and subscription when asked, and otherwise fails the start with a message that
 * says what to do, instead of a stream that silently retries NOT_FOUND.
 */
final class SubscriptionSetup {

    private SubscriptionSetup() {
    }

    static void ensure(PullSettings settings, PubSubConnection connection) {
        ProjectSubscriptionName name = ProjectSubscriptionName.of(settings.project(), settings.subscription());
        try {
            if (settings.topic() != null) {
                create(settings, connection, name);
            }
            Subscription existing;
            try (SubscriptionAdminClient admin = subscriptions(connection)) {
                existing = admin.getSubscription(name);
            }
            if (existing.getEnableMessageOrdering() != settings.ordering()) {
                throw new IllegalStateException("subscription " + name + " has message ordering "
                        + (existing.getEnableMessageOrdering() ? "on" : "off") + " but the source says ordering: "
                        + settings.ordering() + "; Pub/Sub cannot change this on an existing subscription, so "
                        + "change ordering or use another subscription");
            }
        } catch (NotFoundException e) {
            throw new IllegalStateException("subscription " + name + " does not exist; create it, or set "
                    + "createSubscription: true and topic", e);
        } catch (ApiException e) {
            throw new IllegalStateException("cannot check subscription " + name + ": " + e.getStatusCode().getCode()
                    + " " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach Pub/Sub for subscription " + name + ": " + e.getMessage(), e);
        }
    }

    private static void create(PullSettings settings, PubSubConnection connection, ProjectSubscriptionName name)
            throws IOException {
        TopicName topic = TopicName.of(settings.project(), settings.topic());
        try (TopicAdminClient admin = TopicAdminClient.create(TopicAdminSettings.newBuilder()
                .setTransportChannelProvider(connection.channels())
                .setCredentialsProvider(connection.credentials()).build())) {
            admin.createTopic(topic);
        } catch (AlreadyExistsException e) {
            // nothing to do: an existing topic is used as it is
        }
        try (SubscriptionAdminClient admin = subscriptions(connection)) {
            admin.createSubscription(Subscription.newBuilder()
                    .setName(name.toString())
                    .setTopic(topic.toString())
                    .setAckDeadlineSeconds((int) settings.ackDeadline().toSeconds())
                    .setEnableMessageOrdering(settings.ordering())
                    .build());
        } catch (AlreadyExistsException e) {
            // checked against the source's settings by the caller
        }
    }

    private static SubscriptionAdminClient subscriptions(PubSubConnection connection) throws IOException {
        return SubscriptionAdminClient.create(SubscriptionAdminSettings.newBuilder()
                .setTransportChannelProvider(connection.channels())
                .setCredentialsProvider(connection.credentials()).build());
    }
}
