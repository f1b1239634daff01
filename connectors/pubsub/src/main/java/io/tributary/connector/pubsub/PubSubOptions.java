package io.tributary.connector.pubsub;

import io.tributary.spec.ConfigValues;
import io.tributary.spec.Option;
import io.tributary.spec.Section;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

/** The {@code pubsub:} section of a source file. Every option and every rule across options is declared here once. */
final class PubSubOptions {

    /** Pub/Sub's own limits: project ids, and topic and subscription ids. */
    private static final Pattern PROJECT_ID = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]");
    private static final Pattern RESOURCE_ID = Pattern.compile("[A-Za-z][A-Za-z0-9._~+%-]{2,254}");
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+):([0-9]{1,5})");

    static final Option<String> PROJECT = Option.string("project").required().check(PubSubOptions::projectProblem)
            .description("Google Cloud project id that owns the subscription, e.g. acme-telemetry.")
            .build();
    static final Option<String> SUBSCRIPTION = Option.string("subscription").required()
            .check(id -> resourceProblem("subscription", id))
            .description("Subscription id (not the full projects/.../subscriptions/... path). Every hub instance "
                    + "with the same subscription shares its messages: that is how the source scales out.")
            .build();
    static final Option<Boolean> CREATE_SUBSCRIPTION = Option.bool("createSubscription").defaultValue(false)
            .description("true creates the topic and the subscription at start when they do not exist (needs "
                    + "topic; the subscription gets ackDeadline and ordering). false requires both to exist, and "
                    + "the start fails when the subscription is missing.")
            .build();
    static final Option<String> TOPIC = Option.string("topic").check(id -> resourceProblem("topic", id))
            .description("Topic id the subscription is attached to; used only with createSubscription: true.")
            .build();
    static final Option<String> CREDENTIALS_FILE = Option.string("credentialsFile")
            .check(PubSubOptions::credentialsFileProblem)
            .description("Path of a service-account JSON key file. Its content is a secret: it is read at start "
                    + "and never logged or printed; keep the file readable by the hub only. When absent, "
                    + "Application Default Credentials are used (GOOGLE_APPLICATION_CREDENTIALS, gcloud, or the "
                    + "metadata server on Google Cloud).")
            .build();
    static final Option<String> EMULATOR_HOST = Option.string("emulatorHost").check(PubSubOptions::hostPortProblem)
            .description("host:port of a Pub/Sub emulator, reached in plaintext without credentials. The "
                    + "PUBSUB_EMULATOR_HOST variable is not read implicitly: write emulatorHost: "
                    + "${PUBSUB_EMULATOR_HOST} to honour it.")
            .build();
    static final Option<Long> MAX_OUTSTANDING_MESSAGES = Option.longInteger("maxOutstandingMessages", 1, 1_000_000)
            .defaultValue(1_000L)
            .description("Flow control: at most this many messages are received but not yet acknowledged; the "
                    + "client stops pulling until some complete. Keep it small enough that the hub writes them to "
                    + "Kafka well within ackDeadline.")
            .build();
    static final Option<Long> MAX_OUTSTANDING_BYTES = Option.byteSize("maxOutstandingBytes")
            .defaultValue(100_000_000L)
            .check(bytes -> bytes < 1024 ? "must be at least 1KiB" : null)
            .description("Flow control: at most this many payload bytes are received but not yet acknowledged.")
            .build();
    static final Option<Duration> ACK_DEADLINE = Option.duration("ackDeadline").defaultValue(Duration.ofSeconds(30))
            .check(PubSubOptions::ackDeadlineProblem)
            .description("How long Pub/Sub waits for an acknowledgement before it redelivers a message (the "
                    + "subscription's deadline when the hub creates it, and the longest lease the hub asks for at a "
                    + "time while a message is still being written). A message is acknowledged as soon as Kafka stored it; "
                    + "the client keeps extending the lease of slower ones for up to an hour, so the deadline only "
                    + "decides how soon a crashed hub's messages are redelivered.")
            .build();
    static final Option<Integer> CONCURRENT_STREAMS = Option.integer("concurrentStreams", 1, 32).defaultValue(1)
            .description("Parallel streaming pulls of this hub instance. Each stream has its own worker threads "
                    + "that write messages to Kafka, one message per thread at a time.")
            .build();
    static final Option<Boolean> ORDERING = Option.bool("ordering").defaultValue(false)
            .description("Whether the subscription delivers messages with the same ordering key in order. When "
                    + "true, messages of one ordering key are written to Kafka one at a time, in order, so a key's "
                    + "order is kept within its Kafka partition (use the ordering key, or an attribute set with it, "
                    + "as the device id). The start fails when an existing subscription's setting differs.")
            .build();

    static final Section SECTION = Section.builder("A Google Cloud Pub/Sub subscription, read through Camel "
                    + "google-pubsub's endpoint with a streaming pull.")
            .add(PROJECT, SUBSCRIPTION, CREATE_SUBSCRIPTION, TOPIC, CREDENTIALS_FILE, EMULATOR_HOST,
                    MAX_OUTSTANDING_MESSAGES, MAX_OUTSTANDING_BYTES, ACK_DEADLINE, CONCURRENT_STREAMS, ORDERING)
            .rule(PubSubOptions::topicGoesWithCreate)
            .rule(PubSubOptions::emulatorTakesNoCredentials)
            .build();

    private PubSubOptions() {
    }

    private static String projectProblem(String id) {
        if (PROJECT_ID.matcher(id).matches()) {
            return null;
        }
        return "'" + id + "' is not a project id: 6 to 30 lowercase letters, digits or hyphens, starting with a "
                + "letter and not ending with a hyphen, e.g. acme-telemetry";
    }

    private static String resourceProblem(String what, String id) {
        if (id.startsWith("projects/")) {
            return "write only the " + what + " id, not the path '" + id + "'; the project goes under project";
        }
        if (id.startsWith("goog")) {
            return "'" + id + "' starts with 'goog', which Pub/Sub reserves";
        }
        if (!RESOURCE_ID.matcher(id).matches()) {
            return "'" + id + "' is not a valid " + what + " id: 3 to 255 letters, digits or - _ . ~ + %, "
                    + "starting with a letter";
        }
        return null;
    }

    private static String hostPortProblem(String value) {
        var m = HOST_PORT.matcher(value);
        if (!m.matches() || value.contains("://")) {
            return "'" + value + "' is not host:port; write e.g. 127.0.0.1:8085 (no scheme)";
        }
        int port = Integer.parseInt(m.group(2));
        return port < 1 || port > 65_535 ? "port " + port + " is not between 1 and 65535" : null;
    }

    private static String credentialsFileProblem(String value) {
        Path path = Path.of(value);
        if (!Files.isRegularFile(path)) {
            return "no such file: " + path.toAbsolutePath() + " (a service-account JSON key file)";
        }
        return Files.isReadable(path) ? null : "file is not readable by the hub: " + path.toAbsolutePath();
    }

    private static String ackDeadlineProblem(Duration d) {
        if (d.toMillis() % 1000 != 0) {
            return "Pub/Sub counts this in whole seconds; write e.g. " + Math.max(10, d.toSeconds()) + "s";
        }
        return d.toSeconds() < 10 || d.toSeconds() > 600 ? "must be between 10s and 600s (Pub/Sub's limits)" : null;
    }

    private static void topicGoesWithCreate(ConfigValues values) {
        boolean create = values.get(CREATE_SUBSCRIPTION);
        if (create && !values.isSet(TOPIC)) {
            values.report(CREATE_SUBSCRIPTION, "createSubscription: true needs topic, the topic to attach the "
                    + "subscription to");
        } else if (!create && values.isSet(TOPIC)) {
            values.report(TOPIC, "topic is only used with createSubscription: true; remove it, or set "
                    + "createSubscription: true");
        }
    }

    private static void emulatorTakesNoCredentials(ConfigValues values) {
        if (values.isSet(EMULATOR_HOST) && values.isSet(CREDENTIALS_FILE)) {
            values.report(CREDENTIALS_FILE, "an emulator (emulatorHost) takes no credentials; remove "
                    + "credentialsFile or emulatorHost");
        }
    }

}
