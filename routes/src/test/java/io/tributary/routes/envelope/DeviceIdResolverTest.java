package io.tributary.routes.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connector.MessageMetadata;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeviceIdResolverTest {

    private static MessageMetadata onTopic(String topic) {
        return new MessageMetadata(null, topic, null, Map.of("key", "dev-9"), false);
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void takesTheDeviceFromItsTopicLevel() throws Exception {
        var resolver = new DeviceIdResolver.FromTopic("fleet/{device}/telemetry");
        assertThat(resolver.resolve(onTopic("fleet/truck-7/telemetry"), json("{}"))).isEqualTo("truck-7");
    }

    @Test
    void plusInThePatternMatchesAnyLevel() throws Exception {
        var resolver = new DeviceIdResolver.FromTopic("+/{device}/#x");
        assertThatThrownBy(() -> resolver.resolve(onTopic("a/b/c"), json("{}")))
                .isInstanceOf(MalformedMessageException.class);
        assertThat(new DeviceIdResolver.FromTopic("+/{device}").resolve(onTopic("site-1/d1"), json("{}"))).isEqualTo("d1");
    }

    @Test
    void shouldRejectATopicThatDoesNotMatch() {
        var resolver = new DeviceIdResolver.FromTopic("fleet/{device}/telemetry");
        assertThatThrownBy(() -> resolver.resolve(onTopic("fleet/truck-7/status"), json("{}")))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("fleet/truck-7/status").hasMessageContaining("fleet/{device}/telemetry");
    }

    @Test
    void takesTheDeviceFromThePayload() throws Exception {
        var resolver = new DeviceIdResolver.FromPayload("/meta/id");
        assertThat(resolver.resolve(onTopic("x"), json("{\"meta\":{\"id\":\"d-1\"}}"))).isEqualTo("d-1");
        assertThat(resolver.resolve(onTopic("x"), json("{\"meta\":{\"id\":42}}"))).isEqualTo("42");
    }

    @Test
    void shouldRejectAPayloadThatIsNotJson() {
        var resolver = new DeviceIdResolver.FromPayload("/id");
        assertThatThrownBy(() -> resolver.resolve(onTopic("x"), json("not json")))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> resolver.resolve(onTopic("x"), json("{\"other\":1}")))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("/id");
    }

    @Test
    void takesTheDeviceFromAMetadataHeader() throws Exception {
        assertThat(new DeviceIdResolver.FromHeader("key").resolve(onTopic("x"), json("{}"))).isEqualTo("dev-9");
        assertThatThrownBy(() -> new DeviceIdResolver.FromHeader("absent").resolve(onTopic("x"), json("{}")))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("absent");
    }
}
