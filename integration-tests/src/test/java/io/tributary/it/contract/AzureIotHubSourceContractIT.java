package io.tributary.it.contract;

import io.tributary.testkit.Azurite;
import io.tributary.testkit.eventhubs.EventHubsTestServer;
import io.tributary.testkit.eventhubs.IotHubMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The source contract on the Event Hubs TEST SERVER (one per case, 4 partitions, so each case has a hub of its own)
 * with checkpoints in Azurite. A device's messages go to one partition, as IoT Hub keeps them, which is what keeps a
 * device's order. The connection strings are secrets and the suite sets no variables, so they are written as the
 * default of a variable that is never set ({@code ${NAME:-value}}).
 */
class AzureIotHubSourceContractIT extends SourceContract {

    /**
     * IoT Hub's device id is a gateway's, not the payload's device: the suite's explicit {@code device.fromPayload}
     * must override the connector's default (iothub-connection-device-id), or the keys would carry this prefix.
     */
    private static final String GATEWAY = "gateway-for-";

    private Azurite azurite;
    private final Map<String, EventHubsTestServer> servers = new HashMap<>();

    @Override
    protected void startBroker() throws Exception {
        azurite = Azurite.start();
    }

    @Override
    protected void stopBroker() {
        servers.values().forEach(EventHubsTestServer::close);
        if (azurite != null) {
            azurite.close();
        }
    }

    private synchronized EventHubsTestServer server(String name) {
        return servers.computeIfAbsent(name, n -> EventHubsTestServer.start("hub-" + n, 4));
    }

    @Override
    protected String protocolYaml(String name) {
        return """
                type: azure-iothub
                azure-iothub:
                  connectionString: ${UNSET_IOTHUB_CONNECTION:-%s}
                  iotHubName: contract-hub
                  checkpointStore:
                    connectionString: ${UNSET_CHECKPOINT_STORAGE:-%s}
                    container: %s
                  checkpointInterval: 1s
                  loadBalancingInterval: 2s
                  ownershipExpiration: 6s
                """.formatted(server(name).connectionString(), azurite.connectionString(), "ckpt-" + name);
    }

    @Override
    protected void publish(String name, List<Message> messages) {
        EventHubsTestServer server = server(name);
        int seq = 0;
        for (Message m : messages) {
            String messageId = m.device() + "-" + System.nanoTime() + "-" + seq++;
            server.publish(new IotHubMessage(GATEWAY + m.device(), null, m.payload(), messageId, "application/json",
                    "utf-8", Map.of()));
        }
    }
}
