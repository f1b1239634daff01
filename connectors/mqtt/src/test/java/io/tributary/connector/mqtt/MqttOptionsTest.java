package io.tributary.connector.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.spec.ConfigValues;
import io.tributary.spec.Option;
import io.tributary.spec.OptionDocs;
import io.tributary.spec.Problem;
import io.tributary.spec.Problems;
import io.tributary.spec.Section;
import io.tributary.spec.SpecReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MqttOptionsTest {

    static final Option<ConfigValues> MQTT = Option.section("mqtt", new MqttConnector().options()).required()
            .description("the connector's section").build();
    static final Section ROOT = Section.builder("a source file, reduced to what this connector needs")
            .add(Option.string("name").required().description("source name").build(), MQTT)
            .build();

    private final Map<String, String> env = Map.of("MQTT_USER", "hub", "MQTT_PASSWORD", "s3cr3t-value");

    @Test
    void readsAFullSourceWithDefaults() {
        Problems problems = new Problems();
        ConfigValues mqtt = read("""
                name: fleet
                mqtt:
                  url: tcp://127.0.0.1:1883
                  topics: ["fleet/+/telemetry", "$share/hub/fleet/+/status"]
                  username: ${MQTT_USER}
                  password: ${MQTT_PASSWORD}
                """, problems);

        assertThat(problems.isEmpty()).as(problems.toString()).isTrue();
        assertThat(mqtt.get(MqttOptions.TOPICS)).containsExactly("fleet/+/telemetry", "$share/hub/fleet/+/status");
        assertThat(mqtt.get(MqttOptions.QOS)).isEqualTo(1);
        assertThat(mqtt.get(MqttOptions.VERSION)).isEqualTo("5");
        assertThat(mqtt.get(MqttOptions.CLEAN_START)).isFalse();
        assertThat(mqtt.get(MqttOptions.SESSION_EXPIRY)).isEqualTo(Duration.ofHours(1));
        assertThat(mqtt.get(MqttOptions.CLIENT_ID)).isNull();
        assertThat(mqtt.get(MqttOptions.USERNAME)).isEqualTo("hub");
        assertThat(mqtt.get(MqttOptions.PASSWORD)).isEqualTo("s3cr3t-value");
    }

    @Test
    void pointsAtTheLineAndColumnOfABadUrlAndAnInvalidFilter() {
        List<String> problems = problems("""
                name: fleet
                mqtt:
                  url: http://127.0.0.1:1883
                  topics: ["fleet/+/telemetry", "fleet/#/status"]
                  qos: 2
                """);

        assertThat(problems).containsExactly(
                "fleet.yaml:3:8: mqtt.url: 'http://127.0.0.1:1883' must start with tcp://, ssl://, ws:// or wss://",
                "fleet.yaml:4:11: mqtt.topics: topics[1] 'fleet/#/status': '#' must be the last level",
                "fleet.yaml:5:8: mqtt.qos: must be between 0 and 1, found 2");
    }

    @Test
    void shouldRejectAPasswordWrittenIntoTheFile() {
        List<String> problems = problems("""
                name: fleet
                mqtt:
                  url: tcp://127.0.0.1:1883
                  topics: [a/b]
                  username: hub
                  password: hunter2
                """);

        assertThat(problems).singleElement().asString()
                .startsWith("fleet.yaml:6:13: mqtt.password: is a secret: reference an environment variable")
                .doesNotContain("hunter2");
    }

    @Test
    void reportsAnUnsetVariable() {
        assertThat(problems("""
                name: fleet
                mqtt:
                  url: tcp://127.0.0.1:1883
                  topics: [a/b]
                  username: hub
                  password: ${NOT_SET_ANYWHERE}
                """)).containsExactly("fleet.yaml:6:13: mqtt.password: environment variable NOT_SET_ANYWHERE is not "
                + "set (referenced as ${NOT_SET_ANYWHERE})");
    }

    @Test
    void shouldRejectUnknownOptionWithASuggestion() {
        assertThat(problems("""
                name: fleet
                mqtt:
                  url: tcp://127.0.0.1:1883
                  topics: [a/b]
                  clientID: x
                """)).containsExactly("fleet.yaml:5:3: mqtt.clientID: unknown key 'clientID'; did you mean 'clientId'?");
    }

    @Test
    void requiresUrlAndTopics() {
        assertThat(problems("""
                name: fleet
                mqtt:
                  qos: 0
                """)).containsExactly(
                "fleet.yaml:3:3: mqtt.url: missing required key 'url'",
                "fleet.yaml:3:3: mqtt.topics: missing required key 'topics'");
    }

    @Test
    void rejectsCredentialsInTheUrlAndPathsOnTcp() {
        assertThat(problems("""
                name: fleet
                mqtt:
                  url: tcp://hub:pw@127.0.0.1:1883
                  topics: [a]
                """)).singleElement().asString()
                .endsWith("the url must not contain credentials; use username and password (as ${ENV_VAR})")
                .doesNotContain("pw@");
        assertThat(problems("""
                name: fleet
                mqtt:
                  url: tcp://127.0.0.1:1883/mqtt
                  topics: [a]
                """)).singleElement().asString().contains("only ws:// and wss:// urls have one");
        assertThat(problems("""
                name: fleet
                mqtt:
                  url: wss://broker.example:443/mqtt
                  topics: [a]
                """)).isEmpty();
    }

    @Test
    void sessionExpiryAndSharedSubscriptionsNeedVersion5() {
        assertThat(problems("""
                name: fleet
                mqtt:
                  url: tcp://127.0.0.1:1883
                  topics: ["$share/hub/fleet/#"]
                  version: "3.1.1"
                  sessionExpiry: 2h
                """)).containsExactly(
                "fleet.yaml:4:3: mqtt.topics: shared subscriptions ($share/hub/fleet/#) need version 5",
                "fleet.yaml:6:3: mqtt.sessionExpiry: sessionExpiry needs version 5; with 3.1.1 the broker decides "
                        + "how long a persistent session lives (e.g. Mosquitto's persistent_client_expiration)");
    }

    @Test
    void mqtt311WithDefaultsIsFine() {
        assertThat(problems("""
                name: fleet
                mqtt:
                  url: tcp://127.0.0.1:1883
                  topics: ["fleet/+/telemetry"]
                  version: "3.1.1"
                """)).isEmpty();
    }

    @Test
    void durationsAreWholeSecondsWithinMqttLimits() {
        assertThat(problems("""
                name: fleet
                mqtt:
                  url: tcp://127.0.0.1:1883
                  topics: [a]
                  keepAlive: 1500ms
                  connectTimeout: 0s
                  sessionExpiry: 0s
                """)).containsExactly(
                "fleet.yaml:5:14: mqtt.keepAlive: MQTT counts this in whole seconds; write e.g. 1s",
                "fleet.yaml:6:19: mqtt.connectTimeout: must be between 1s and 3600s",
                "fleet.yaml:7:18: mqtt.sessionExpiry: must be between 1s and 4294967294s");
    }

    @Test
    void passwordNeedsUsername() {
        assertThat(problems("""
                name: fleet
                mqtt:
                  url: tcp://127.0.0.1:1883
                  topics: [a]
                  password: ${MQTT_PASSWORD}
                """)).containsExactly("fleet.yaml:5:3: mqtt.password: password needs username: MQTT sends a "
                + "password only with a user name");
    }

    @Test
    void tlsOnlyWithSslOrWssAndCertWithKey() {
        String ca = getClass().getResource("/").getPath(); // any readable directory is not a file
        assertThat(problems("""
                name: fleet
                mqtt:
                  url: tcp://127.0.0.1:1883
                  topics: [a]
                  tls:
                    keyPassword: ${MQTT_PASSWORD}
                """)).containsExactly(
                "fleet.yaml:5:3: mqtt.tls: tls is only used with ssl:// or wss:// urls, but url is tcp://; change "
                        + "the url to ssl:// or remove tls",
                "fleet.yaml:6:5: mqtt.tls.keyPassword: keyPassword is only used with keyFile");
        assertThat(problems("""
                name: fleet
                mqtt:
                  url: ssl://127.0.0.1:8883
                  topics: [a]
                  tls:
                    caFile: %s
                """.formatted(ca))).singleElement().asString().contains("mqtt.tls.caFile: file not found: ");
    }

    @Test
    void docsComeFromTheDeclarationsAndShowNoSecretDefaults() {
        String docs = OptionDocs.markdown("mqtt", MqttOptions.SECTION);
        assertThat(docs).contains("| `qos` | integer | `1` |", "| `version` | one of 5, 3.1.1 | `5` |",
                "| `sessionExpiry` | duration | `1h` |", "| `tls.caFile` | string |",
                "| `password` | string |  | Password for the broker's authentication; needs username. **Secret**");
    }

    private ConfigValues read(String yaml, Problems problems) {
        ConfigValues root = new SpecReader(name -> Optional.ofNullable(env.get(name)))
                .read("fleet.yaml", yaml, ROOT, problems);
        return root == null ? null : root.get(MQTT);
    }

    private List<String> problems(String yaml) {
        Problems problems = new Problems();
        read(yaml, problems);
        return problems.sorted().stream().map(Problem::toString).toList();
    }
}
