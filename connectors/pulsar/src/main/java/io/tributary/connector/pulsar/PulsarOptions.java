package io.tributary.connector.pulsar;

import io.tributary.spec.ConfigValues;
import io.tributary.spec.Option;
import io.tributary.spec.Section;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;

/** The {@code pulsar:} section of a source file. Every option and every rule across options is declared here once. */
final class PulsarOptions {

    static final String EXCLUSIVE = "Exclusive";
    static final String SHARED = "Shared";
    static final String KEY_SHARED = "Key_Shared";
    static final String FAILOVER = "Failover";
    static final String EARLIEST = "earliest";
    static final String LATEST = "latest";

    static final Option<String> SERVICE_URL = Option.string("serviceUrl").required()
            .check(PulsarOptions::serviceUrlProblem)
            .description("Broker service URL: pulsar://host:6650, or pulsar+ssl://host:6651 for TLS. Several "
                    + "brokers may be listed as pulsar://host1:6650,host2:6650.")
            .build();
    static final Option<List<String>> TOPICS = Option.stringList("topics").check(TopicNames::listProblem)
            .description("Topics to read: persistent://<tenant>/<namespace>/<topic>, or a short name for "
                    + "public/default. A partitioned topic is read on all its partitions. Give topics or "
                    + "topicsPattern, not both.")
            .build();
    static final Option<String> TOPICS_PATTERN = Option.string("topicsPattern").check(TopicNames::patternProblem)
            .description("A regular expression for the topic part of persistent://<tenant>/<namespace>/<regex>; "
                    + "every matching topic of that namespace is read, including topics created later (Pulsar "
                    + "looks for new ones every minute). Give topics or topicsPattern, not both.")
            .build();
    static final Option<String> SUBSCRIPTION = Option.string("subscription").required()
            .check(PulsarOptions::subscriptionProblem)
            .description("Subscription name. Pulsar keeps the subscription's position while no hub runs; every hub "
                    + "instance with the same subscription shares its messages when subscriptionType is Shared or "
                    + "Key_Shared.")
            .build();
    static final Option<String> SUBSCRIPTION_TYPE = Option.oneOf("subscriptionType", EXCLUSIVE, SHARED, KEY_SHARED,
                    FAILOVER).defaultValue(KEY_SHARED)
            .description("Key_Shared spreads keys over hub instances and keeps each key's order; Shared spreads "
                    + "messages round-robin with no order; Exclusive admits one hub; Failover one active hub with "
                    + "standbys. Pulsar's dead-letter topic applies to Shared and Key_Shared.")
            .build();
    static final Option<String> INITIAL_POSITION = Option.oneOf("initialPosition", EARLIEST, LATEST)
            .defaultValue(EARLIEST)
            .description("Where a new subscription starts: earliest reads what the topic still retains, latest "
                    + "only what is published after it was created. An existing subscription resumes from its "
                    + "acknowledged position either way.")
            .build();
    static final Option<Integer> RECEIVER_QUEUE_SIZE = Option.integer("receiverQueueSize", 1, 100_000)
            .defaultValue(1_000)
            .description("Messages the client prefetches per consumer (per partition for a partitioned topic).")
            .build();
    static final Option<Integer> CONSUMERS = Option.integer("consumers", 1, 16).defaultValue(1)
            .description("Consumers this hub instance opens on the subscription, each with its own thread that "
                    + "hands messages to Kafka; more than 1 needs subscriptionType Shared or Key_Shared (Key_Shared "
                    + "still gives every key to one consumer, so its order is kept).")
            .build();
    static final Option<Integer> MAX_REDELIVERIES = Option.integer("maxRedeliveries", 0, 10_000).defaultValue(10)
            .description("After this many redeliveries of a message the hub could not hand to Kafka, the client "
                    + "moves it to the dead-letter topic (Pulsar's dead-letter policy) and acknowledges it. 0 "
                    + "turns the policy off: such a message is redelivered forever.")
            .build();
    static final Option<String> DEAD_LETTER_TOPIC = Option.string("deadLetterTopic").check(TopicNames::problem)
            .description("Pulsar topic for messages that exceeded maxRedeliveries. When absent, Pulsar's default "
                    + "<topic>-<subscription>-DLQ.")
            .build();
    static final Option<Duration> NEGATIVE_ACK_REDELIVERY_DELAY = Option.duration("negativeAckRedeliveryDelay")
            .defaultValue(Duration.ofSeconds(1))
            .check(d -> d.isNegative() || d.compareTo(Duration.ofHours(1)) > 0 ? "must be between 0s and 1h" : null)
            .description("How long Pulsar waits before it redelivers a message whose write to Kafka failed.")
            .build();
    static final Option<String> TOKEN = Option.string("token").secret()
            .description("JWT for Pulsar's token authentication, e.g. ${PULSAR_TOKEN}.")
            .build();
    static final Option<ConfigValues> TLS = Option.section("tls", PulsarTlsOptions.SECTION)
            .description("TLS settings for pulsar+ssl:// service URLs.")
            .build();

    static final Section SECTION = Section.builder("An Apache Pulsar subscription, read through Camel pulsar with "
                    + "the Pulsar Java client; each message is acknowledged individually after Kafka stored it.")
            .add(SERVICE_URL, TOPICS, TOPICS_PATTERN, SUBSCRIPTION, SUBSCRIPTION_TYPE, INITIAL_POSITION,
                    RECEIVER_QUEUE_SIZE, CONSUMERS, MAX_REDELIVERIES, DEAD_LETTER_TOPIC, NEGATIVE_ACK_REDELIVERY_DELAY, TOKEN,
                    TLS)
            .rule(PulsarOptions::topicsOrPattern)
            .rule(PulsarOptions::tlsNeedsTlsUrl)
            .rule(PulsarOptions::deadLetterNeedsRedeliveries)
            .rule(PulsarOptions::severalConsumersNeedASharedSubscription)
            .build();

    private PulsarOptions() {
    }

    static boolean usesTls(String serviceUrl) {
        return serviceUrl.startsWith("pulsar+ssl://");
    }

    private static String serviceUrlProblem(String url) {
        if (!url.startsWith("pulsar://") && !url.startsWith("pulsar+ssl://")) {
            return "'" + url + "' must start with pulsar:// or pulsar+ssl://, e.g. pulsar://broker.example:6650";
        }
        String hosts = url.substring(url.indexOf("://") + 3);
        if (hosts.endsWith("/")) {
            hosts = hosts.substring(0, hosts.length() - 1);
        }
        for (String host : hosts.split(",")) {
            try {
                URI uri = new URI("pulsar://" + host);
                if (uri.getHost() == null || uri.getRawUserInfo() != null || !uri.getRawPath().isEmpty()) {
                    return "'" + host + "' in '" + url + "' is not host:port; credentials go in token";
                }
            } catch (URISyntaxException e) {
                return "'" + url + "' is not a valid service URL (" + e.getReason() + ")";
            }
        }
        return null;
    }

    private static String subscriptionProblem(String name) {
        if (name.isBlank() || name.chars().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c))) {
            return "'" + name + "' must be a non-empty name without spaces or control characters";
        }
        return null;
    }

    private static void topicsOrPattern(ConfigValues values) {
        boolean topics = values.isSet(TOPICS);
        boolean pattern = values.isSet(TOPICS_PATTERN);
        if (topics && pattern) {
            values.report(TOPICS, "give topics or topicsPattern, not both");
            values.report(TOPICS_PATTERN, "give topics or topicsPattern, not both");
        } else if (!topics && !pattern) {
            values.report(TOPICS, "name the topics to read, e.g. topics: [persistent://public/default/fleet], "
                    + "or give topicsPattern");
        }
    }

    private static void tlsNeedsTlsUrl(ConfigValues values) {
        if (values.isSet(TLS) && !usesTls(values.get(SERVICE_URL))) {
            values.report(TLS, "tls is only used with pulsar+ssl:// service URLs; change serviceUrl or remove tls");
        }
    }

    private static void severalConsumersNeedASharedSubscription(ConfigValues values) {
        String type = values.get(SUBSCRIPTION_TYPE);
        if (values.get(CONSUMERS) > 1 && !type.equals(SHARED) && !type.equals(KEY_SHARED)) {
            values.report(CONSUMERS, "consumers above 1 needs subscriptionType Shared or Key_Shared; an " + type
                    + " subscription serves one consumer at a time");
        }
    }

    private static void deadLetterNeedsRedeliveries(ConfigValues values) {
        if (values.isSet(DEAD_LETTER_TOPIC) && values.get(MAX_REDELIVERIES) == 0) {
            values.report(DEAD_LETTER_TOPIC, "deadLetterTopic needs maxRedeliveries above 0");
        }
    }
}
