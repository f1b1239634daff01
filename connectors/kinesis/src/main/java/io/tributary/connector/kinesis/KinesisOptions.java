package io.tributary.connector.kinesis;

import io.tributary.spec.ConfigValues;
import io.tributary.spec.Option;
import io.tributary.spec.Section;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code kinesis:} section of a source file. Every option and every rule across options is declared here once. */
final class KinesisOptions {

    static final String TRIM_HORIZON = "TRIM_HORIZON";
    static final String LATEST = "LATEST";
    static final String AT_TIMESTAMP = "AT_TIMESTAMP";

    /** arn:partition:kinesis:region:account:stream/name */
    private static final Pattern ARN = Pattern.compile(
            "arn:(aws[a-z-]*):kinesis:([a-z0-9-]+):([0-9]{12}):stream/([a-zA-Z0-9_.-]{1,128})");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]+");

    static final Option<String> STREAM = Option.string("stream").required().check(KinesisOptions::streamProblem)
            .description("The data stream: its name (1-128 of a-z A-Z 0-9 _ . -) in region, or its ARN "
                    + "(arn:aws:kinesis:<region>:<account>:stream/<name>), which also names the region.")
            .build();
    static final Option<String> REGION_OPTION = Option.string("region").check(KinesisOptions::regionProblem)
            .description("AWS region of the stream, e.g. eu-west-1. Needed unless stream is an ARN.")
            .build();
    static final Option<String> ENDPOINT_OVERRIDE = Option.string("endpointOverride")
            .check(KinesisOptions::endpointProblem)
            .description("Kinesis API endpoint to use instead of the region's public one: a VPC interface "
                    + "endpoint or an emulator, as http(s)://host:port.")
            .build();
    static final Option<String> PROFILE = Option.string("profile")
            .description("Named profile of the AWS shared config and credentials files. When neither profile nor "
                    + "accessKeyId is set, the default AWS credentials provider chain is used (environment, system "
                    + "properties, web identity, the default profile, container and instance roles).")
            .build();
    static final Option<String> ACCESS_KEY_ID = Option.string("accessKeyId").secret()
            .description("Static access key id; needs secretAccessKey. Prefer the default provider chain or a "
                    + "profile in production.")
            .build();
    static final Option<String> SECRET_ACCESS_KEY = Option.string("secretAccessKey").secret()
            .description("Static secret access key; needs accessKeyId.")
            .build();
    static final Option<String> SESSION_TOKEN = Option.string("sessionToken").secret()
            .description("Session token of temporary static credentials; needs accessKeyId and secretAccessKey.")
            .build();
    static final Option<String> INITIAL_POSITION = Option.oneOf("initialPosition", TRIM_HORIZON, LATEST, AT_TIMESTAMP)
            .defaultValue(TRIM_HORIZON)
            .description("Where a shard without a checkpoint is read from: TRIM_HORIZON (its oldest record), LATEST "
                    + "(records written after the first poll) or AT_TIMESTAMP (records arrived at or after "
                    + "timestamp). A shard created by a split or merge is always read from its first record once "
                    + "its parents are drained. A shard with a checkpoint always resumes after it; until a shard's "
                    + "first record is checkpointed, a restart applies LATEST or AT_TIMESTAMP again.")
            .build();
    static final Option<String> TIMESTAMP = Option.string("timestamp").check(KinesisOptions::timestampProblem)
            .description("ISO-8601 instant for initialPosition AT_TIMESTAMP, e.g. 2026-11-21T08:00:00Z.")
            .build();
    static final Option<Integer> MAX_RECORDS_PER_POLL = Option.integer("maxRecordsPerPoll", 1, 10_000)
            .defaultValue(1_000)
            .description("Most records one GetRecords call returns per shard. A shard's batch is checkpointed once "
                    + "every record of it was acknowledged by Kafka, before the shard is polled again.")
            .build();
    static final Option<Duration> POLL_INTERVAL = Option.duration("pollInterval").defaultValue(Duration.ofSeconds(1))
            .check(d -> d.compareTo(Duration.ofMillis(200)) < 0 || d.compareTo(Duration.ofMinutes(5)) > 0
                    ? "must be between 200ms (Kinesis allows 5 GetRecords calls per second and shard) and 5m" : null)
            .description("Pause before polling again when no shard returned a full batch. While a shard has a "
                    + "backlog it is polled again as soon as its batch is in Kafka, at most every 200ms (Kinesis allows "
                    + "5 GetRecords calls per shard and second).")
            .build();
    static final Option<String> CHECKPOINT_DIR = Option.string("checkpointDir").defaultValue("checkpoints")
            .check(KinesisOptions::pathProblem)
            .description("Folder of the checkpoint file, <source name>.<stream name>.checkpoints: one line per "
                    + "shard with the sequence number of its last record that Kafka acknowledged (or SHARD_END). "
                    + "Relative to the hub's working directory; it must survive restarts (a persistent volume). "
                    + "Only one hub instance may read a stream with the same checkpoint file.")
            .build();

    static final Section SECTION = Section.builder("An Amazon Kinesis data stream, read through the AWS SDK v2 "
                    + "(Camel aws2-kinesis) shard by shard, with checkpoints taken after Kafka acknowledged.")
            .add(STREAM, REGION_OPTION, ENDPOINT_OVERRIDE, PROFILE, ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN,
                    INITIAL_POSITION, TIMESTAMP, MAX_RECORDS_PER_POLL, POLL_INTERVAL, CHECKPOINT_DIR)
            .rule(KinesisOptions::regionKnown)
            .rule(KinesisOptions::credentialsConsistent)
            .rule(KinesisOptions::timestampWithAtTimestamp)
            .build();

    private KinesisOptions() {
    }

    /** The stream's name, whether written as a name or as an ARN. */
    static String streamName(ConfigValues values) {
        String stream = values.get(STREAM);
        Matcher arn = ARN.matcher(stream);
        return arn.matches() ? arn.group(4) : stream;
    }

    /** The ARN when stream was written as one, else null. */
    static String streamArn(ConfigValues values) {
        String stream = values.get(STREAM);
        return ARN.matcher(stream).matches() ? stream : null;
    }

    /** The region written, else the ARN's. */
    static String region(ConfigValues values) {
        if (values.isSet(REGION_OPTION)) {
            return values.get(REGION_OPTION);
        }
        Matcher arn = ARN.matcher(values.get(STREAM));
        return arn.matches() ? arn.group(2) : null;
    }

    static Instant timestamp(ConfigValues values) {
        return values.isSet(TIMESTAMP) ? Instant.parse(values.get(TIMESTAMP)) : null;
    }

    private static String streamProblem(String stream) {
        if (stream.startsWith("arn:")) {
            return ARN.matcher(stream).matches() ? null : "'" + stream + "' is not a Kinesis stream ARN; write "
                    + "arn:aws:kinesis:<region>:<12-digit account>:stream/<name>, or just the stream name";
        }
        return NAME.matcher(stream).matches() ? null : "'" + stream + "' is not a stream name: use 1 to 128 of "
                + "a-z A-Z 0-9 _ . - (or the stream's ARN)";
    }

    private static String regionProblem(String region) {
        return REGION.matcher(region).matches() ? null
                : "'" + region + "' is not an AWS region; write e.g. eu-west-1 or us-east-1";
    }

    private static String endpointProblem(String endpoint) {
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            return "'" + endpoint + "' is not a valid url (" + e.getReason() + "); write e.g. http://127.0.0.1:4567";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "'" + endpoint + "' must start with http:// or https://";
        }
        if (uri.getHost() == null) {
            return "'" + endpoint + "' names no host; write e.g. https://kinesis.eu-west-1.amazonaws.com";
        }
        if (uri.getRawUserInfo() != null) {
            return "the endpoint must not contain credentials; use accessKeyId and secretAccessKey (as ${ENV_VAR})";
        }
        return null;
    }

    private static String timestampProblem(String text) {
        try {
            Instant.parse(text);
            return null;
        } catch (DateTimeParseException e) {
            return "'" + text + "' is not an ISO-8601 instant; write e.g. 2026-11-21T08:00:00Z";
        }
    }

    private static String pathProblem(String text) {
        try {
            Path.of(text);
            return null;
        } catch (InvalidPathException e) {
            return "not a valid path: " + e.getMessage();
        }
    }

    private static void regionKnown(ConfigValues values) {
        String stream = values.get(STREAM);
        Matcher arn = ARN.matcher(stream);
        boolean isArn = arn.matches();
        if (!isArn && !values.isSet(REGION_OPTION)) {
            values.report(REGION_OPTION, "region is required when stream is a name; write e.g. region: eu-west-1, "
                    + "or give the stream's ARN");
            values.report(STREAM, "the stream name '" + stream + "' needs region (or write the stream's ARN)");
        }
        if (isArn && values.isSet(REGION_OPTION) && !arn.group(2).equals(values.get(REGION_OPTION))) {
            values.report(REGION_OPTION, "region " + values.get(REGION_OPTION) + " differs from the stream ARN's "
                    + "region " + arn.group(2) + "; remove region or make them agree");
            values.report(STREAM, "the ARN's region " + arn.group(2) + " differs from region "
                    + values.get(REGION_OPTION));
        }
    }

    private static void credentialsConsistent(ConfigValues values) {
        boolean key = values.isSet(ACCESS_KEY_ID);
        boolean secret = values.isSet(SECRET_ACCESS_KEY);
        if (key && !secret) {
            values.report(ACCESS_KEY_ID, "accessKeyId needs secretAccessKey");
        }
        if (secret && !key) {
            values.report(SECRET_ACCESS_KEY, "secretAccessKey needs accessKeyId");
        }
        if (values.isSet(SESSION_TOKEN) && !(key && secret)) {
            values.report(SESSION_TOKEN, "sessionToken needs accessKeyId and secretAccessKey");
        }
        if (values.isSet(PROFILE) && (key || secret)) {
            values.report(PROFILE, "use either profile or static keys (accessKeyId, secretAccessKey), not both");
            values.report(key ? ACCESS_KEY_ID : SECRET_ACCESS_KEY,
                    "use either static keys or profile, not both");
        }
    }

    private static void timestampWithAtTimestamp(ConfigValues values) {
        boolean at = AT_TIMESTAMP.equals(values.get(INITIAL_POSITION));
        if (at && !values.isSet(TIMESTAMP)) {
            values.report(INITIAL_POSITION, "initialPosition AT_TIMESTAMP needs timestamp, e.g. "
                    + "timestamp: 2026-11-21T08:00:00Z");
        }
        if (!at && values.isSet(TIMESTAMP)) {
            values.report(TIMESTAMP, "timestamp is only used with initialPosition AT_TIMESTAMP (initialPosition is "
                    + values.get(INITIAL_POSITION) + ")");
        }
    }
}
