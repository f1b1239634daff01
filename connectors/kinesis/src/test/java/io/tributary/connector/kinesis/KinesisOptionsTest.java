package io.tributary.connector.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.spec.ConfigValues;
import io.tributary.spec.Option;
import io.tributary.spec.Problem;
import io.tributary.spec.Problems;
import io.tributary.spec.Section;
import io.tributary.spec.SpecReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KinesisOptionsTest {

    static final Option<ConfigValues> KINESIS = Option.section("kinesis", new KinesisConnector().options()).required()
            .description("the connector's section").build();
    static final Section ROOT = Section.builder("a source file, reduced to what this connector needs")
            .add(Option.string("name").required().description("source name").build(), KINESIS)
            .build();

    private final Map<String, String> env = Map.of("AWS_KEY", "AKIDEXAMPLE", "AWS_SECRET", "s3cr3t-value",
            "AWS_TOKEN", "token-value");

    @Test
    void readsAStreamNameWithDefaults() {
        Problems problems = new Problems();
        ConfigValues kinesis = read("""
                name: fleet
                kinesis:
                  stream: fleet-telemetry
                  region: eu-west-1
                """, problems);

        assertThat(problems.isEmpty()).as(problems.toString()).isTrue();
        assertThat(KinesisOptions.streamName(kinesis)).isEqualTo("fleet-telemetry");
        assertThat(KinesisOptions.streamArn(kinesis)).isNull();
        assertThat(KinesisOptions.region(kinesis)).isEqualTo("eu-west-1");
        assertThat(kinesis.get(KinesisOptions.INITIAL_POSITION)).isEqualTo("TRIM_HORIZON");
        assertThat(kinesis.get(KinesisOptions.MAX_RECORDS_PER_POLL)).isEqualTo(1_000);
        assertThat(kinesis.get(KinesisOptions.POLL_INTERVAL)).isEqualTo(Duration.ofSeconds(1));
        assertThat(kinesis.get(KinesisOptions.CHECKPOINT_DIR)).isEqualTo("checkpoints");
        assertThat(KinesisOptions.timestamp(kinesis)).isNull();
    }

    @Test
    void takesNameAndRegionFromAStreamArn() {
        Problems problems = new Problems();
        ConfigValues kinesis = read("""
                name: fleet
                kinesis:
                  stream: arn:aws:kinesis:us-east-2:123456789012:stream/fleet-telemetry
                  initialPosition: AT_TIMESTAMP
                  timestamp: 2026-11-21T08:00:00Z
                  profile: ingest
                """, problems);

        assertThat(problems.isEmpty()).as(problems.toString()).isTrue();
        assertThat(KinesisOptions.streamName(kinesis)).isEqualTo("fleet-telemetry");
        assertThat(KinesisOptions.streamArn(kinesis)).isEqualTo("arn:aws:kinesis:us-east-2:123456789012:stream/fleet-telemetry");
        assertThat(KinesisOptions.region(kinesis)).isEqualTo("us-east-2");
        assertThat(KinesisOptions.timestamp(kinesis)).isEqualTo(Instant.parse("2026-11-21T08:00:00Z"));
    }

    @Test
    void shouldRejectLiteralSecretsAtTheirPosition() {
        assertThat(problems("""
                name: fleet
                kinesis:
                  stream: fleet
                  region: eu-west-1
                  accessKeyId: AKIDEXAMPLE
                  secretAccessKey: ${AWS_SECRET}
                """)).singleElement().asString()
                .startsWith("fleet.yaml:5:16: kinesis.accessKeyId: is a secret: reference an environment variable");
    }

    @Test
    void shouldRejectUnknownOptionWithASuggestion() {
        assertThat(problems("""
                name: fleet
                kinesis:
                  stream: fleet
                  region: eu-west-1
                  maxRecordPerPoll: 10
                """)).containsExactly("fleet.yaml:5:3: kinesis.maxRecordPerPoll: unknown key 'maxRecordPerPoll'; "
                + "did you mean 'maxRecordsPerPoll'?");
    }

    @Test
    void shouldRequireARegionForAStreamNameOnBothKeys() {
        assertThat(problems("""
                name: fleet
                kinesis:
                  stream: fleet
                """)).containsExactly(
                "fleet.yaml:3:3: kinesis.region: region is required when stream is a name; write e.g. region: "
                        + "eu-west-1, or give the stream's ARN",
                "fleet.yaml:3:3: kinesis.stream: the stream name 'fleet' needs region (or write the stream's ARN)");
    }

    @Test
    void shouldRejectARegionThatContradictsTheArn() {
        assertThat(problems("""
                name: fleet
                kinesis:
                  stream: arn:aws:kinesis:us-east-2:123456789012:stream/fleet
                  region: eu-west-1
                """)).containsExactly(
                "fleet.yaml:3:3: kinesis.stream: the ARN's region us-east-2 differs from region eu-west-1",
                "fleet.yaml:4:3: kinesis.region: region eu-west-1 differs from the stream ARN's region us-east-2; "
                        + "remove region or make them agree");
    }

    @Test
    void shouldRejectMalformedValues() {
        assertThat(problems("""
                name: fleet
                kinesis:
                  stream: arn:aws:kinesis:eu-west-1:12345:stream/fleet
                  region: Ireland
                  endpointOverride: tcp://127.0.0.1:4567
                  initialPosition: EARLIEST
                  maxRecordsPerPoll: 20000
                  pollInterval: 50ms
                """)).containsExactly(
                "fleet.yaml:3:11: kinesis.stream: 'arn:aws:kinesis:eu-west-1:12345:stream/fleet' is not a Kinesis "
                        + "stream ARN; write arn:aws:kinesis:<region>:<12-digit account>:stream/<name>, or just the "
                        + "stream name",
                "fleet.yaml:4:11: kinesis.region: 'Ireland' is not an AWS region; write e.g. eu-west-1 or us-east-1",
                "fleet.yaml:5:21: kinesis.endpointOverride: 'tcp://127.0.0.1:4567' must start with http:// or https://",
                "fleet.yaml:6:20: kinesis.initialPosition: 'EARLIEST' is not allowed; use one of: TRIM_HORIZON, "
                        + "LATEST, AT_TIMESTAMP",
                "fleet.yaml:7:22: kinesis.maxRecordsPerPoll: must be between 1 and 10000, found 20000",
                "fleet.yaml:8:17: kinesis.pollInterval: must be between 200ms (Kinesis allows 5 GetRecords calls per "
                        + "second and shard) and 5m");
    }

    @Test
    void shouldTieTimestampToAtTimestamp() {
        assertThat(problems("""
                name: fleet
                kinesis:
                  stream: fleet
                  region: eu-west-1
                  initialPosition: AT_TIMESTAMP
                """)).containsExactly("fleet.yaml:5:3: kinesis.initialPosition: initialPosition AT_TIMESTAMP needs "
                + "timestamp, e.g. timestamp: 2026-11-21T08:00:00Z");
        assertThat(problems("""
                name: fleet
                kinesis:
                  stream: fleet
                  region: eu-west-1
                  timestamp: yesterday
                """)).containsExactly("fleet.yaml:5:14: kinesis.timestamp: 'yesterday' is not an ISO-8601 instant; "
                + "write e.g. 2026-11-21T08:00:00Z");
        assertThat(problems("""
                name: fleet
                kinesis:
                  stream: fleet
                  region: eu-west-1
                  timestamp: 2026-11-21T08:00:00Z
                """)).containsExactly("fleet.yaml:5:3: kinesis.timestamp: timestamp is only used with initialPosition "
                + "AT_TIMESTAMP (initialPosition is TRIM_HORIZON)");
    }

    @Test
    void shouldRejectIncompleteOrMixedCredentials() {
        assertThat(problems("""
                name: fleet
                kinesis:
                  stream: fleet
                  region: eu-west-1
                  accessKeyId: ${AWS_KEY}
                  sessionToken: ${AWS_TOKEN}
                """)).containsExactly(
                "fleet.yaml:5:3: kinesis.accessKeyId: accessKeyId needs secretAccessKey",
                "fleet.yaml:6:3: kinesis.sessionToken: sessionToken needs accessKeyId and secretAccessKey");
        assertThat(problems("""
                name: fleet
                kinesis:
                  stream: fleet
                  region: eu-west-1
                  profile: ingest
                  accessKeyId: ${AWS_KEY}
                  secretAccessKey: ${AWS_SECRET}
                """)).containsExactly(
                "fleet.yaml:5:3: kinesis.profile: use either profile or static keys (accessKeyId, secretAccessKey), "
                        + "not both",
                "fleet.yaml:6:3: kinesis.accessKeyId: use either static keys or profile, not both");
    }

    private ConfigValues read(String yaml, Problems problems) {
        ConfigValues root = new SpecReader(name -> Optional.ofNullable(env.get(name)))
                .read("fleet.yaml", yaml, ROOT, problems);
        return root == null ? null : root.get(KINESIS);
    }

    private List<String> problems(String yaml) {
        Problems problems = new Problems();
        read(yaml, problems);
        return problems.sorted().stream().map(Problem::toString).toList();
    }
}
