package io.tributary.connector.azureiothub;

import io.tributary.spec.ConfigValues;
import io.tributary.spec.Option;
import io.tributary.spec.Section;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** The {@code azure-iothub:} section of a source file; every option and cross-option rule is declared here once. */
final class AzureIotHubOptions {

    /** Azure's rules for IoT Hub names, Event Hub names and consumer groups, and for Blob container names. */
    private static final Pattern IOT_HUB_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{1,48}[A-Za-z0-9]");
    private static final Pattern ENTITY_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");
    private static final Pattern CONSUMER_GROUP = Pattern.compile("\\$Default|[A-Za-z0-9][A-Za-z0-9._-]{0,49}");
    private static final Pattern CONTAINER = Pattern.compile("(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");

    static final String EARLIEST = "earliest";
    static final String LATEST = "latest";
    static final String ENQUEUED_TIME = "enqueuedTime";

    static final Option<String> CONNECTION_STRING = Option.string("connectionString").required().secret()
            .check(AzureIotHubOptions::connectionStringProblem)
            .description("The IoT Hub's Event Hubs-compatible connection string (Built-in endpoints page: "
                    + "Endpoint=sb://...;SharedAccessKeyName=...;SharedAccessKey=...;EntityPath=...), with a "
                    + "policy that has the service connect permission. A secret: logs show the namespace and entity "
                    + "only.")
            .build();
    static final Option<String> EVENT_HUB_NAME = Option.string("eventHubName")
            .check(name -> ENTITY_NAME.matcher(name).matches() ? null
                    : "'" + name + "' is not an Event Hub name: letters, digits, '.', '_' or '-'")
            .description("The Event Hubs-compatible name of the built-in endpoint; only when the connection string "
                    + "has no EntityPath.")
            .build();
    static final Option<String> IOT_HUB_NAME_OPTION = Option.string("iotHubName").required()
            .check(name -> IOT_HUB_NAME.matcher(name).matches() ? null
                    : "'" + name + "' is not an IoT Hub name: 3 to 50 letters, digits or '-', e.g. acme-fleet-hub")
            .description("The IoT Hub's own name (as in <name>.azure-devices.net). It names where the telemetry "
                    + "comes from: ce_source (/azure-iothub/<name>), the origin in plan output and the header iothub_hub_name.")
            .build();
    static final Option<String> CONSUMER_GROUP_OPTION = Option.string("consumerGroup").defaultValue("$Default")
            .check(group -> CONSUMER_GROUP.matcher(group).matches() ? null
                    : "'" + group + "' is not a consumer group name: letters, digits, '.', '_' or '-'")
            .description("Consumer group of the built-in endpoint. Hub instances with the same consumer group and "
                    + "checkpoint container share the partitions; give the hub a group of its own, not one another "
                    + "reader uses.")
            .build();
    static final Option<String> STARTING_POSITION = Option.oneOf("startingPosition", EARLIEST, LATEST, ENQUEUED_TIME)
            .defaultValue(EARLIEST)
            .description("Where a partition is read from when it has no checkpoint yet: earliest (everything the "
                    + "hub still retains), latest (only what arrives after the start) or enqueuedTime (from "
                    + "startingEnqueuedTime). Once a partition has a checkpoint, reading resumes after it.")
            .build();
    static final Option<String> STARTING_ENQUEUED_TIME = Option.string("startingEnqueuedTime")
            .check(AzureIotHubOptions::instantProblem)
            .description("ISO-8601 instant, e.g. 2026-11-21T08:00:00Z; only with startingPosition: enqueuedTime.")
            .build();
    static final Option<Integer> PREFETCH = Option.integer("prefetch", 1, 8_000).defaultValue(500)
            .description("Events the client fetches ahead per partition (AMQP link credit).")
            .build();
    static final Option<Integer> MAX_BATCH_SIZE = Option.integer("maxBatchSize", 1, 1_000).defaultValue(100)
            .description("Most events handed to the hub at once per partition.")
            .build();
    static final Option<Integer> MAX_IN_FLIGHT = Option.integer("maxInFlightPerPartition", 1, 100_000)
            .defaultValue(1_000)
            .description("Most events per partition being written to Kafka at once; reading pauses until some are "
                    + "acknowledged.")
            .build();
    static final Option<Duration> CHECKPOINT_INTERVAL = Option.duration("checkpointInterval")
            .defaultValue(Duration.ofSeconds(5))
            .check(d -> d.compareTo(Duration.ofMillis(100)) < 0 ? "must be at least 100ms" : null)
            .description("How often each partition's checkpoint is written to the Blob container: up to the last "
                    + "event before which every event was acknowledged by Kafka. After a crash, at most the events "
                    + "since the last checkpoint are read again. A final checkpoint is written on stop.")
            .build();
    static final Option<Duration> LOAD_BALANCING_INTERVAL = Option.duration("loadBalancingInterval")
            .defaultValue(Duration.ofSeconds(10))
            .check(d -> d.compareTo(Duration.ofSeconds(1)) < 0 ? "must be at least 1s" : null)
            .description("How often a hub instance renews its partition ownership and claims unowned or expired "
                    + "partitions (greedily: all it may take, at once).")
            .build();
    static final Option<Duration> OWNERSHIP_EXPIRATION = Option.duration("ownershipExpiration")
            .defaultValue(Duration.ofSeconds(60))
            .description("How long a partition stays owned by an instance that stopped renewing (one that crashed); "
                    + "after that another instance takes it over. A clean stop gives partitions up at once.")
            .build();

    static final Option<String> BLOB_CONNECTION_STRING = Option.string("connectionString").secret()
            .description("Storage account connection string. A secret. Either this or accountUrl.")
            .build();
    static final Option<String> BLOB_ACCOUNT_URL = Option.string("accountUrl")
            .check(AzureIotHubOptions::urlProblem)
            .description("Blob service URL, e.g. https://acmehub.blob.core.windows.net, used with "
                    + "DefaultAzureCredential (managed identity, workload identity, Azure CLI, environment). Either "
                    + "this or connectionString.")
            .build();
    static final Option<String> BLOB_CONTAINER = Option.string("container").required()
            .check(name -> CONTAINER.matcher(name).matches() ? null
                    : "'" + name + "' is not a Blob container name: 3 to 63 lowercase letters, digits or single "
                    + "hyphens")
            .description("Blob container for checkpoints and partition ownership; created at start when missing.")
            .build();
    static final Section CHECKPOINT_STORE = Section.builder("Where partition checkpoints and ownership are kept: an "
                    + "Azure Blob container.")
            .add(BLOB_CONNECTION_STRING, BLOB_ACCOUNT_URL, BLOB_CONTAINER)
            .rule(AzureIotHubOptions::oneWayToTheAccount)
            .build();
    static final Option<ConfigValues> CHECKPOINT = Option.section("checkpointStore", CHECKPOINT_STORE).required()
            .description("The Blob checkpoint store.")
            .build();

    static final Section SECTION = Section.builder("An Azure IoT Hub's Event Hubs-compatible built-in endpoint, "
                    + "read with the Event Hubs SDK's EventProcessorClient and a Blob checkpoint store.")
            .add(CONNECTION_STRING, EVENT_HUB_NAME, IOT_HUB_NAME_OPTION, CONSUMER_GROUP_OPTION, CHECKPOINT,
                    STARTING_POSITION, STARTING_ENQUEUED_TIME, PREFETCH, MAX_BATCH_SIZE, MAX_IN_FLIGHT,
                    CHECKPOINT_INTERVAL, LOAD_BALANCING_INTERVAL, OWNERSHIP_EXPIRATION)
            .rule(AzureIotHubOptions::oneEntity)
            .rule(AzureIotHubOptions::enqueuedTimeGoesWithPosition)
            .rule(AzureIotHubOptions::expirationOutlastsRenewal)
            .build();

    private AzureIotHubOptions() {
    }

    /** The event hub to read: the connection string's EntityPath, else eventHubName. */
    static String eventHubName(ConfigValues values) {
        String entity = EventHubsConnectionString.parse(values.get(CONNECTION_STRING)).entityPath();
        return entity != null ? entity : values.get(EVENT_HUB_NAME);
    }

    private static String connectionStringProblem(String value) {
        try {
            EventHubsConnectionString.parse(value);
            return null;
        } catch (IllegalArgumentException e) {
            // the message never quotes the value: it is a secret
            return e.getMessage();
        }
    }

    private static String instantProblem(String value) {
        try {
            Instant.parse(value);
            return null;
        } catch (DateTimeParseException e) {
            return "'" + value + "' is not an ISO-8601 instant; write e.g. 2026-11-21T08:00:00Z";
        }
    }

    private static String urlProblem(String value) {
        try {
            URI uri = URI.create(value);
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null) {
                return null;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        return "'" + value + "' is not a Blob service URL; write e.g. https://acmehub.blob.core.windows.net";
    }

    private static void oneWayToTheAccount(ConfigValues values) {
        boolean byString = values.isSet(BLOB_CONNECTION_STRING);
        boolean byUrl = values.isSet(BLOB_ACCOUNT_URL);
        if (byString == byUrl) {
            values.report(byString ? BLOB_ACCOUNT_URL : BLOB_CONNECTION_STRING, "set exactly one of "
                    + "connectionString (a storage account connection string, via ${ENV}) and accountUrl (with "
                    + "DefaultAzureCredential)");
        }
    }

    private static void oneEntity(ConfigValues values) {
        String entity = EventHubsConnectionString.parse(values.get(CONNECTION_STRING)).entityPath();
        if (entity == null && !values.isSet(EVENT_HUB_NAME)) {
            values.report(CONNECTION_STRING, "the connection string has no EntityPath; add it, or set "
                    + "eventHubName (the Event Hubs-compatible name on the Built-in endpoints page)");
        } else if (entity != null && values.isSet(EVENT_HUB_NAME) && !entity.equals(values.get(EVENT_HUB_NAME))) {
            values.report(EVENT_HUB_NAME, "eventHubName '" + values.get(EVENT_HUB_NAME) + "' differs from the "
                    + "connection string's EntityPath '" + entity + "'; remove eventHubName");
        }
    }

    private static void enqueuedTimeGoesWithPosition(ConfigValues values) {
        boolean byTime = ENQUEUED_TIME.equals(values.get(STARTING_POSITION));
        if (byTime && !values.isSet(STARTING_ENQUEUED_TIME)) {
            values.report(STARTING_POSITION, "startingPosition: enqueuedTime needs startingEnqueuedTime, e.g. "
                    + "2026-11-21T08:00:00Z");
        } else if (!byTime && values.isSet(STARTING_ENQUEUED_TIME)) {
            values.report(STARTING_ENQUEUED_TIME, "startingEnqueuedTime is only used with startingPosition: "
                    + "enqueuedTime");
        }
    }

    private static void expirationOutlastsRenewal(ConfigValues values) {
        Duration interval = values.get(LOAD_BALANCING_INTERVAL);
        if (values.get(OWNERSHIP_EXPIRATION).compareTo(interval.multipliedBy(2)) < 0) {
            values.report(OWNERSHIP_EXPIRATION, "must be at least twice loadBalancingInterval ("
                    + interval.multipliedBy(2).toSeconds() + "s), or instances steal live partitions from "
                    + "each other");
        }
    }
}
