package io.tributary.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpecReaderTest {

    static final Option<String> URL = Option.string("url").required().description("broker").build();
    static final Option<Integer> QOS = Option.integer("qos", 0, 1).defaultValue(1).description("qos").build();
    static final Option<String> PASSWORD = Option.string("password").secret().description("pw").build();
    static final Option<Duration> AGE = Option.duration("maxAge").defaultValue(Duration.ofSeconds(60)).description("a").build();
    static final Option<Long> SIZE = Option.byteSize("maxBytes").defaultValue(128_000_000L).description("b").build();
    static final Option<List<String>> TOPICS = Option.stringList("topics").description("t").build();
    static final Option<String> MODE = Option.oneOf("mode", "fast", "safe").defaultValue("safe").description("m").build();
    static final Section INNER = Section.builder("inner").add(URL, QOS, PASSWORD, AGE, SIZE, TOPICS, MODE).build();
    static final Option<ConfigValues> INNER_OPTION = Option.section("mqtt", INNER).required().description("i").build();
    static final Option<String> NAME = Option.string("name").required().description("n").build();
    static final Section ROOT = Section.builder("root").add(NAME, INNER_OPTION).build();

    private final Problems problems = new Problems();

    private ConfigValues read(String yaml, Map<String, String> env) {
        return new SpecReader(n -> Optional.ofNullable(env.get(n))).read("f.yaml", yaml, ROOT, problems);
    }

    private List<String> messages() {
        return problems.sorted().stream().map(Problem::toString).toList();
    }

    @Test
    void readsValuesAndDefaults() {
        ConfigValues root = read("""
                name: a
                mqtt:
                  url: tcp://x:1883
                  password: ${PW}
                  maxAge: 250ms
                  maxBytes: 64KiB
                  topics: [a/b, c/#]
                """, Map.of("PW", "s3cret"));
        assertThat(problems.isEmpty()).as(problems.toString()).isTrue();
        ConfigValues mqtt = root.get(INNER_OPTION);
        assertThat(mqtt.get(URL)).isEqualTo("tcp://x:1883");
        assertThat(mqtt.get(QOS)).isEqualTo(1);
        assertThat(mqtt.isSet(QOS)).isFalse();
        assertThat(mqtt.get(PASSWORD)).isEqualTo("s3cret");
        assertThat(mqtt.get(AGE)).isEqualTo(Duration.ofMillis(250));
        assertThat(mqtt.get(SIZE)).isEqualTo(65536L);
        assertThat(mqtt.get(TOPICS)).containsExactly("a/b", "c/#");
        assertThat(mqtt.get(MODE)).isEqualTo("safe");
    }

    @Test
    void shouldRejectUnknownKeyWithSuggestionAndPosition() {
        read("name: a\nmqtt:\n  url: x\n  qso: 1\n", Map.of());
        assertThat(messages()).containsExactly("f.yaml:4:3: mqtt.qso: unknown key 'qso'; did you mean 'qos'?");
    }

    @Test
    void shouldListAllowedKeysWhenNothingIsClose() {
        read("name: a\nmqtt:\n  url: x\n  zzzzzzzz: 1\n", Map.of());
        assertThat(messages()).singleElement().asString().contains("allowed keys: url, qos");
    }

    @Test
    void shouldRejectWrongTypesAndRanges() {
        read("name: a\nmqtt:\n  url: x\n  qos: two\n  maxAge: soon\n  topics: a/b\n", Map.of());
        assertThat(messages()).containsExactly(
                "f.yaml:4:8: mqtt.qos: expected an integer, found 'two'",
                "f.yaml:5:11: mqtt.maxAge: expected a duration such as 500ms, 60s, 5m or 1h, found 'soon'",
                "f.yaml:6:11: mqtt.topics: expected a list of string, found 'a/b'");
    }

    @Test
    void shouldReportOutOfRangeAndBadEnum() {
        read("name: a\nmqtt:\n  url: x\n  qos: 2\n  mode: fsat\n", Map.of());
        assertThat(messages()).containsExactly(
                "f.yaml:4:8: mqtt.qos: must be between 0 and 1, found 2",
                "f.yaml:5:9: mqtt.mode: 'fsat' is not allowed; use one of: fast, safe (did you mean 'fast'?)");
    }

    @Test
    void shouldReportMissingRequiredKeys() {
        read("mqtt:\n  qos: 1\n", Map.of());
        assertThat(messages()).containsExactly(
                "f.yaml:1:1: name: missing required key 'name'",
                "f.yaml:2:3: mqtt.url: missing required key 'url'");
    }

    @Test
    void shouldNameUnsetEnvironmentVariables() {
        read("name: a\nmqtt:\n  url: tcp://${HOST}:${PORT:-1883}\n", Map.of());
        assertThat(messages()).containsExactly(
                "f.yaml:3:8: mqtt.url: environment variable HOST is not set (referenced as ${HOST})");
    }

    @Test
    void substitutesFallbacks() {
        ConfigValues root = read("name: a\nmqtt:\n  url: tcp://${HOST:-localhost}:${PORT:-1883}\n", Map.of("PORT", "9"));
        assertThat(root.get(INNER_OPTION).get(URL)).isEqualTo("tcp://localhost:9");
    }

    @Test
    void shouldRefuseLiteralSecrets() {
        read("name: a\nmqtt:\n  url: x\n  password: hunter2\n", Map.of());
        assertThat(messages()).singleElement().asString()
                .startsWith("f.yaml:4:13: mqtt.password: is a secret: reference an environment variable")
                .doesNotContain("hunter2");
    }

    @Test
    void shouldReportYamlSyntaxErrorsWithPosition() {
        read("name: a\nmqtt:\n  url: [x\n", Map.of());
        assertThat(messages()).singleElement().asString().startsWith("f.yaml:4:1: YAML syntax error:");
    }

    @Test
    void shouldReportDuplicateKeys() {
        read("name: a\nname: b\nmqtt:\n  url: x\n", Map.of());
        assertThat(messages()).containsExactly("f.yaml:2:1: name: duplicate key 'name'");
    }

    @Test
    void runsRulesAndPlacesTheirMessagesAtTheKey() {
        Option<Integer> low = Option.integer("low", 0, 100).defaultValue(0).description("l").build();
        Option<Integer> high = Option.integer("high", 0, 100).defaultValue(100).description("h").build();
        Section range = Section.builder("r").add(low, high)
                .rule(v -> {
                    if (v.get(low) > v.get(high)) {
                        v.report(low, "must not exceed high (" + v.get(high) + ")");
                    }
                }).build();
        new SpecReader(n -> Optional.empty()).read("r.yaml", "high: 5\nlow: 7\n", range, problems);
        assertThat(messages()).containsExactly("r.yaml:2:1: low: must not exceed high (5)");
    }
}
