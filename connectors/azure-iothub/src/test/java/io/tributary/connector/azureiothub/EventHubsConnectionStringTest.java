package io.tributary.connector.azureiothub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventHubsConnectionStringTest {

    @Test
    void readsNamespaceEntityAndTheEmulatorFlag() {
        EventHubsConnectionString parsed = EventHubsConnectionString.parse("Endpoint=sb://127.0.0.1:5673;"
                + "SharedAccessKeyName=x;SharedAccessKey=eQ==;EntityPath=hub;UseDevelopmentEmulator=true");

        assertThat(parsed).isEqualTo(new EventHubsConnectionString("127.0.0.1", 5673, "hub", true));
        assertThat(parsed.address()).isEqualTo("127.0.0.1:5673");
        assertThat(parsed.toString()).isEqualTo("sb://127.0.0.1:5673/hub").doesNotContain("eQ==");
    }

    @Test
    void acceptsASharedAccessSignatureAndNoEntity() {
        EventHubsConnectionString parsed = EventHubsConnectionString.parse(
                "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessSignature=SharedAccessSignature sr=a&sig=b");
        assertThat(parsed.entityPath()).isNull();
        assertThat(parsed.emulator()).isFalse();
        assertThat(parsed.port()).isEqualTo(-1);
    }

    @Test
    void refusesOtherStringsWithoutQuotingThem() {
        assertThatThrownBy(() -> EventHubsConnectionString.parse("HostName=hub.azure-devices.net;"
                + "SharedAccessKeyName=service;SharedAccessKey=c2VjcmV0"))
                .hasMessageContaining("no Endpoint=sb://").hasMessageNotContaining("c2VjcmV0");
        assertThatThrownBy(() -> EventHubsConnectionString.parse("Endpoint=sb://ns/;SharedAccessKeyName=x"))
                .hasMessageContaining("no SharedAccessKeyName and SharedAccessKey");
        assertThatThrownBy(() -> EventHubsConnectionString.parse("just-a-key"))
                .hasMessageContaining("key=value pairs");
    }
}
