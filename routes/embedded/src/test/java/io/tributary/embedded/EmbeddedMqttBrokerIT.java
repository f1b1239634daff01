package io.tributary.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedMqttBrokerIT {

    private static final Pattern DEVICE_AND_SEQ = Pattern.compile("\"deviceId\":\"(dev-\\d+)\",\"seq\":(\\d+),");

    private static EmbeddedMqttBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        long start = System.nanoTime();
        broker = EmbeddedMqttBroker.start(0);
        System.out.printf("EmbeddedMqttBroker started in %d ms%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            long start = System.nanoTime();
            broker.close();
            System.out.printf("EmbeddedMqttBroker stopped in %d ms%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
    }

    @Test
    void advertisesALoopbackUrlWithItsPort() {
        assertThat(broker.port()).isPositive();
        assertThat(broker.url()).isEqualTo("tcp://127.0.0.1:" + broker.port());
    }

    @Test
    void deliversEveryMessageTheFleetPublishesAtQos1InOrderPerDevice() throws Exception {
        int total = 5_000;
        int devices = 10;
        Map<String, ConcurrentLinkedQueue<Long>> seqByDevice = new ConcurrentHashMap<>();
        MqttAsyncClient subscriber = subscriber("fleet-it/+/telemetry", (topic, payload) -> {
            Matcher matcher = DEVICE_AND_SEQ.matcher(payload);
            assertThat(matcher.find()).as(payload).isTrue();
            assertThat(topic).isEqualTo("fleet-it/" + matcher.group(1) + "/telemetry");
            seqByDevice.computeIfAbsent(matcher.group(1), d -> new ConcurrentLinkedQueue<>())
                    .add(Long.parseLong(matcher.group(2)));
        });
        try (DeviceFleetSimulator fleet = new DeviceFleetSimulator(broker.url(), "fleet-it/{device}/telemetry",
                devices, 5_000, 1, total)) {
            fleet.start();

            assertThat(fleet.awaitPublished(total, Duration.ofSeconds(30))).isTrue();
            awaitCount(() -> seqByDevice.values().stream().mapToInt(ConcurrentLinkedQueue::size).sum(), total);
            assertThat(fleet.published()).isEqualTo(total);
            assertThat(fleet.failed()).isZero();
        } finally {
            subscriber.disconnect().waitForCompletion(5_000);
            subscriber.close();
        }

        assertThat(seqByDevice.keySet()).hasSize(devices).contains("dev-000", "dev-009");
        for (ConcurrentLinkedQueue<Long> seqs : seqByDevice.values()) {
            List<Long> received = List.copyOf(seqs);
            assertThat(received).hasSize(total / devices);
            assertThat(received.get(0)).isZero();
            assertThat(received).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void acceptsMqtt311Clients() throws Exception {
        Set<String> received = new CopyOnWriteArraySet<>();
        MqttAsyncClient subscriber = subscriber("v311/#", (topic, payload) -> received.add(payload));
        MqttClient v311 = new MqttClient(broker.url(), "it-v311",
                new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
        try {
            org.eclipse.paho.client.mqttv3.MqttConnectOptions options =
                    new org.eclipse.paho.client.mqttv3.MqttConnectOptions();
            options.setMqttVersion(org.eclipse.paho.client.mqttv3.MqttConnectOptions.MQTT_VERSION_3_1_1);
            v311.connect(options);
            v311.publish("v311/hello", "from 3.1.1".getBytes(StandardCharsets.UTF_8), 1, false);

            awaitCount(received::size, 1);
            assertThat(received).containsExactly("from 3.1.1");
        } finally {
            v311.disconnect();
            v311.close();
            subscriber.disconnect().waitForCompletion(5_000);
            subscriber.close();
        }
    }

    @Test
    void shouldFailWithThePortWhenTheRequestedPortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> EmbeddedMqttBroker.start(taken.getLocalPort()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("in use");
        }
    }

    @Test
    void shouldRejectAPortOutOfRange() {
        assertThatThrownBy(() -> EmbeddedMqttBroker.start(70_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("70000");
    }

    private interface Handler {
        void accept(String topic, String payload);
    }

    private static MqttAsyncClient subscriber(String filter, Handler handler) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(broker.url(), "it-sub-" + System.nanoTime(), new MemoryPersistence());
        // a client-wide callback: Paho 1.2.5's subscribe(subscription, messageListener) fails with
        // IndexOutOfBoundsException when no subscription identifier is set
        client.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                handler.accept(topic, new String(message.getPayload(), StandardCharsets.UTF_8));
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverUri) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        client.connect(options).waitForCompletion(10_000);
        client.subscribe(filter, 1).waitForCompletion(10_000);
        return client;
    }

    private interface Count {
        int get();
    }

    private static void awaitCount(Count count, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (count.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(count.get()).isEqualTo(expected);
    }
}
