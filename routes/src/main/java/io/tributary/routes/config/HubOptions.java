package io.tributary.routes.config;

import io.tributary.spec.Option;
import io.tributary.spec.Section;

/** The declaration of {@code hub.yaml}: what the whole hub shares. */
public final class HubOptions {

    public static final Option<String> BOOTSTRAP_SERVERS = Option.string("bootstrapServers").required()
            .description("Kafka bootstrap servers, comma separated host:port pairs.").build();
    public static final Option<String> CLIENT_ID = Option.string("clientId").defaultValue("tributary")
            .description("Prefix of the client ids the hub's Kafka clients use.").build();
    public static final Option<String> SECURITY_PROTOCOL = Option.oneOf("securityProtocol",
                    "PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL").defaultValue("PLAINTEXT")
            .description("How the hub connects to Kafka.").build();
    public static final Option<String> SASL_MECHANISM = Option.oneOf("saslMechanism",
                    "PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512")
            .description("SASL mechanism, for the SASL security protocols.").build();
    public static final Option<String> SASL_USERNAME = Option.string("username")
            .description("SASL user name.").build();
    public static final Option<String> SASL_PASSWORD = Option.string("password").secret()
            .description("SASL password.").build();
    public static final Option<String> TRUSTSTORE = Option.string("truststoreFile")
            .description("PKCS#12 trust store for SSL and SASL_SSL; the JVM's trust store when unset.").build();
    public static final Option<String> TRUSTSTORE_PASSWORD = Option.string("truststorePassword").secret()
            .description("Password of the trust store.").build();

    public static final Option<Long> MAX_MESSAGE_BYTES = Option.byteSize("maxMessageBytes").defaultValue(1_000_000L)
            .check(n -> n >= 1024 && n <= 100_000_000L ? null : "must be between 1KB and 100MB")
            .description("Largest payload written to Kafka. A larger message goes to the dead-letter topic with only"
                    + " its first maxMessageBytes bytes, its full size in the header tributary_dlq_payload_bytes."
                    + " Topics the hub creates allow it; topics that exist already must allow it themselves"
                    + " (max.message.bytes).")
            .build();

    public static final Section KAFKA = Section.builder("The Kafka cluster every source writes to.")
            .add(BOOTSTRAP_SERVERS, CLIENT_ID, SECURITY_PROTOCOL, SASL_MECHANISM, SASL_USERNAME, SASL_PASSWORD,
                    TRUSTSTORE, TRUSTSTORE_PASSWORD, MAX_MESSAGE_BYTES)
            .rule(values -> {
                boolean sasl = values.get(SECURITY_PROTOCOL).startsWith("SASL");
                if (sasl && !values.isSet(SASL_MECHANISM)) {
                    values.report(SECURITY_PROTOCOL, "SASL needs saslMechanism, username and password");
                }
                if (!sasl && (values.isSet(SASL_MECHANISM) || values.isSet(SASL_USERNAME) || values.isSet(SASL_PASSWORD))) {
                    values.report(values.isSet(SASL_MECHANISM) ? SASL_MECHANISM : SASL_USERNAME,
                            "only used with securityProtocol SASL_PLAINTEXT or SASL_SSL");
                }
            })
            .build();

    public static final Option<String> LAKE_ROOT = Option.string("root").defaultValue("lake")
            .description("Folder the Parquet lake is written under, relative to the working directory.").build();
    public static final Option<io.tributary.spec.ConfigValues> LAKE_STORAGE = Option.section("storage",
                    LakeStorageOptions.STORAGE)
            .description("Where lake files are stored: the root folder (default), S3, Azure Blob or Google Cloud Storage.")
            .build();
    public static final Option<String> LAKE_INSTANCE_ID = Option.string("instanceId")
            .check(id -> id.matches("[a-zA-Z0-9._-]{1,180}") ? null
                    : "'" + id + "' is not a valid instance id: use 1 to 180 of a-z A-Z 0-9 . _ -")
            .description("This hub's own stable name, such as ${HOSTNAME} or a pod name; unset by default. When set,"
                    + " each lake table's Kafka consumer is a static member of its group, with the id and the table"
                    + " name as group.instance.id (hub-1-fleet for id hub-1 and table fleet): a hub restarted with the same id gets its partitions back at once,"
                    + " without a rebalance, instead of after the dead hub's Kafka session timeout. Give every hub"
                    + " its own id: a second hub with the same one takes the partitions and the first one's lake"
                    + " sinks stop. A stopped hub keeps its partitions until its session expires, even after a"
                    + " clean stop.")
            .build();
    public static final Section LAKE = Section.builder("Where lake sinks write.")
            .add(LAKE_ROOT, LAKE_STORAGE, LAKE_INSTANCE_ID).build();

    public static final Option<String> HTTP_HOST = Option.string("host").defaultValue("127.0.0.1")
            .description("Address the health, metrics and status endpoints listen on.").build();
    public static final Option<Integer> HTTP_PORT = Option.integer("port", 0, 65535).defaultValue(8080)
            .description("Port of the health, metrics and status endpoints; 0 picks a free port.").build();
    public static final Option<Boolean> HTTP_ENABLED = Option.bool("enabled").defaultValue(true)
            .description("Whether to serve the health, metrics and status endpoints.").build();
    public static final Section HTTP = Section.builder("The hub's own HTTP endpoints.")
            .add(HTTP_ENABLED, HTTP_HOST, HTTP_PORT).build();

    public static final Option<io.tributary.spec.ConfigValues> KAFKA_SECTION = Option.section("kafka", KAFKA).required()
            .description("The Kafka cluster.").build();
    public static final Option<io.tributary.spec.ConfigValues> LAKE_SECTION = Option.section("lake", LAKE)
            .description("Lake settings shared by all sources.").build();
    public static final Option<io.tributary.spec.ConfigValues> HTTP_SECTION = Option.section("http", HTTP)
            .description("HTTP endpoints: /health, /metrics (Prometheus) and / (status page).").build();

    public static final Section ROOT = Section.builder("hub.yaml: settings shared by every source of the hub.")
            .add(KAFKA_SECTION, LAKE_SECTION, HTTP_SECTION).build();

    private HubOptions() {
    }
}
