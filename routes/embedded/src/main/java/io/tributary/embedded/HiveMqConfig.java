package io.tributary.embedded;

/**
 * The {@code config.xml} of the embedded HiveMQ CE broker. The values that matter for the hub
 * are spelled out here, each with the reason it differs from HiveMQ's default.
 */
final class HiveMqConfig {

    /**
     * Messages HiveMQ queues per client before it discards new ones (HiveMQ's default is 1,000).
     * A hub that falls behind a burst, or restarts with a persistent session, must find its
     * backlog intact. Memory is only used while a backlog exists.
     */
    static final long MAX_QUEUED_MESSAGES_PER_CLIENT = 1_000_000L;

    /**
     * QoS 1 and 2 publishes a client may have unacknowledged towards the broker (HiveMQ's default
     * is 10). A low value throttles every publisher to a few round trips' worth of messages.
     */
    static final int SERVER_RECEIVE_MAXIMUM = 65_535;

    private HiveMqConfig() {
    }

    static String render(int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("HiveMQ needs a concrete TCP port (1-65535), got " + port);
        }
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <hivemq>
                    <listeners>
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>%s</bind-address>
                        </tcp-listener>
                    </listeners>
                    <mqtt>
                        <queued-messages>
                            <max-queue-size>%d</max-queue-size>
                            <strategy>discard</strategy>
                        </queued-messages>
                        <receive-maximum>
                            <server-receive-maximum>%d</server-receive-maximum>
                        </receive-maximum>
                    </mqtt>
                    <persistence>
                        <mode>in-memory</mode>
                    </persistence>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, LoopbackPort.HOST, MAX_QUEUED_MESSAGES_PER_CLIENT, SERVER_RECEIVE_MAXIMUM);
    }
}
