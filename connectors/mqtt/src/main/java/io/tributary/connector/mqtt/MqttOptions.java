package io.tributary.connector.mqtt;

import io.tributary.spec.Check;
import io.tributary.spec.ConfigValues;
import io.tributary.spec.Option;
import io.tributary.spec.Section;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The {@code mqtt:} section of a source file. Every option and every rule across options is declared here once. */
final class MqttOptions {

    static final String VERSION_5 = "5";
    static final String VERSION_3_1_1 = "3.1.1";
    private static final Set<String> SCHEMES = Set.of("tcp", "ssl", "ws", "wss");
    private static final Set<String> TLS_SCHEMES = Set.of("ssl", "wss");

    static final Option<String> URL = Option.string("url").required().check(MqttOptions::urlProblem)
            .description("Broker address: tcp://host:port, ssl://host:port (TLS), ws://host:port/path or "
                    + "wss://host:port/path (WebSocket). Credentials go in username and password, never in the url.")
            .build();
    static final Option<List<String>> TOPICS = Option.stringList("topics").required()
            .check(TopicFilters::problemInList)
            .description("Topic filters to subscribe to; '+' matches one level, '#' (last level only) the rest. "
                    + "$share/<group>/<filter> is an MQTT 5 shared subscription: the broker spreads messages over "
                    + "all hub instances in the group, which is how the source scales out. Each filter gets its own "
                    + "client connection; a message that matches several filters is ingested once per filter.")
            .build();
    static final Option<Integer> QOS = Option.integer("qos", 0, 1).defaultValue(1)
            .description("Subscription QoS. 1 is at least once: the hub acknowledges a message to the broker only "
                    + "after Kafka acknowledged the write; a message whose write failed stays unacknowledged and the "
                    + "hub reconnects, with growing pauses, so that the broker redelivers it. Nothing is lost across "
                    + "crashes or reconnects; duplicates are possible. 0 is at most once: the broker never "
                    + "redelivers. QoS 2 is not offered, since the write to Kafka is itself at least once.")
            .build();
    static final Option<String> VERSION = Option.oneOf("version", VERSION_5, VERSION_3_1_1).defaultValue(VERSION_5)
            .description("MQTT protocol version. Both acknowledge a message only after its exchange completed. "
                    + "3.1.1 has no shared subscriptions, no session expiry, no content type and no user properties.")
            .build();
    static final Option<String> CLIENT_ID = Option.string("clientId").check(MqttOptions::clientIdProblem)
            .description("MQTT client id, the key of the broker-side session. When absent it is 'tributary-' "
                    + "followed by the source name. With several topics each connection appends -<index> (0-based). "
                    + "Every hub instance needs its own id, or the broker disconnects one client for the other: when "
                    + "scaling out, write e.g. tributary-fleet-${HOSTNAME} and subscribe through $share/<group>/.")
            .build();
    static final Option<Boolean> CLEAN_START = Option.bool("cleanStart").defaultValue(false)
            .description("true starts a fresh session on every connect (MQTT 3.1.1: cleanSession): messages "
                    + "published while the hub was away, and messages not yet acknowledged, are lost. false keeps "
                    + "a persistent session, which at-least-once delivery across restarts needs.")
            .build();
    static final Option<Duration> SESSION_EXPIRY = Option.duration("sessionExpiry")
            .defaultValue(Duration.ofHours(1))
            .check(wholeSeconds(Duration.ofSeconds(1), Duration.ofSeconds(0xFFFF_FFFEL)))
            .description("MQTT 5 only: how long the broker keeps the session, and queues messages for it, after "
                    + "the hub disconnects. An outage longer than this loses the messages published meanwhile. "
                    + "With cleanStart: true and no sessionExpiry written, the session ends at disconnect.")
            .build();
    static final Option<Duration> KEEP_ALIVE = Option.duration("keepAlive").defaultValue(Duration.ofSeconds(60))
            .check(wholeSeconds(Duration.ZERO, Duration.ofSeconds(65_535)))
            .description("Longest silence before the client pings the broker; a dead connection is noticed within "
                    + "about two of these periods. 0s turns keep-alive off.")
            .build();
    static final Option<Duration> CONNECT_TIMEOUT = Option.duration("connectTimeout")
            .defaultValue(Duration.ofSeconds(30))
            .check(wholeSeconds(Duration.ofSeconds(1), Duration.ofHours(1)))
            .description("How long one connection attempt may take. A broker that cannot be reached when the "
                    + "source starts fails the start; a connection lost later is retried with growing pauses.")
            .build();
    static final Option<String> USERNAME = Option.string("username")
            .description("User name for the broker's authentication.")
            .build();
    static final Option<String> PASSWORD = Option.string("password").secret()
            .description("Password for the broker's authentication; needs username.")
            .build();
    static final Option<ConfigValues> TLS = Option.section("tls", TlsOptions.SECTION)
            .description("TLS settings for ssl:// and wss:// urls.")
            .build();

    static final Section SECTION = Section.builder("An MQTT broker, read through Eclipse Paho (MQTT 5 or 3.1.1).")
            .add(URL, TOPICS, QOS, VERSION, CLIENT_ID, CLEAN_START, SESSION_EXPIRY, KEEP_ALIVE, CONNECT_TIMEOUT,
                    USERNAME, PASSWORD, TLS)
            .rule(MqttOptions::tlsNeedsTlsUrl)
            .rule(MqttOptions::version5Features)
            .rule(MqttOptions::passwordNeedsUsername)
            .build();

    private MqttOptions() {
    }

    static boolean isVersion5(ConfigValues values) {
        return VERSION_5.equals(values.get(VERSION));
    }

    static String scheme(String url) {
        return URI.create(url).getScheme().toLowerCase(Locale.ROOT);
    }

    private static String urlProblem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "'" + url + "' is not a valid url (" + e.getReason() + "); write e.g. tcp://broker.example:1883";
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme == null || !SCHEMES.contains(scheme)) {
            return "'" + url + "' must start with tcp://, ssl://, ws:// or wss://";
        }
        if (uri.getRawUserInfo() != null) {
            return "the url must not contain credentials; use username and password (as ${ENV_VAR})";
        }
        if (uri.getHost() == null) {
            return "'" + url + "' names no host; write e.g. " + scheme + "://broker.example:"
                    + (TLS_SCHEMES.contains(scheme) ? "8883" : "1883");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return "'" + url + "' must not have a query or fragment";
        }
        if ((scheme.equals("tcp") || scheme.equals("ssl")) && !uri.getRawPath().isEmpty()) {
            return "'" + url + "' must not have a path; only ws:// and wss:// urls have one";
        }
        return null;
    }

    private static String clientIdProblem(String id) {
        if (id.isBlank()) {
            return "the client id must not be blank";
        }
        if (id.chars().anyMatch(Character::isISOControl)) {
            return "the client id must not contain control characters";
        }
        return null;
    }

    private static Check<Duration> wholeSeconds(Duration min, Duration max) {
        return d -> {
            if (d.toMillis() % 1000 != 0) {
                return "MQTT counts this in whole seconds; write e.g. " + Math.max(1, d.toSeconds()) + "s";
            }
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                return "must be between " + min.toSeconds() + "s and " + max.toSeconds() + "s";
            }
            return null;
        };
    }

    private static void tlsNeedsTlsUrl(ConfigValues values) {
        String scheme = scheme(values.get(URL));
        if (values.isSet(TLS) && !TLS_SCHEMES.contains(scheme)) {
            values.report(TLS, "tls is only used with ssl:// or wss:// urls, but url is " + scheme
                    + "://; change the url to " + (scheme.equals("ws") ? "wss" : "ssl") + ":// or remove tls");
        }
    }

    private static void version5Features(ConfigValues values) {
        if (isVersion5(values)) {
            return;
        }
        if (values.isSet(SESSION_EXPIRY)) {
            values.report(SESSION_EXPIRY, "sessionExpiry needs version 5; with 3.1.1 the broker decides how long "
                    + "a persistent session lives (e.g. Mosquitto's persistent_client_expiration)");
        }
        List<String> shared = values.get(TOPICS).stream().filter(TopicFilters::isShared).toList();
        if (!shared.isEmpty()) {
            values.report(TOPICS, "shared subscriptions (" + String.join(", ", shared) + ") need version 5");
        }
    }

    private static void passwordNeedsUsername(ConfigValues values) {
        if (values.isSet(PASSWORD) && !values.isSet(USERNAME)) {
            values.report(PASSWORD, "password needs username: MQTT sends a password only with a user name");
        }
    }
}
