package io.tributary.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.ToDoubleBiFunction;

/**
 * The lake check the sources' end-to-end tests share: a table of device telemetry ({@code device_id},
 * {@code seq}, {@code temperature} columns) must hold every message exactly once.
 */
public final class TelemetryLakeCheck {

    private TelemetryLakeCheck() {
    }

    /**
     * Asserts that {@code from} (a {@link Lake#parquet} expression, optionally with a WHERE clause) holds
     * {@code perDevice} messages (seq 0 and up) of each of {@code devices} devices, named by {@code device},
     * no Kafka record twice, and per device the average of the temperatures {@code temperature(device, seq)}
     * (which catches a lost or doubled row).
     */
    public static void assertEveryMessageOnce(Lake lake, String from, int devices, int perDevice,
                                              IntFunction<String> device,
                                              ToDoubleBiFunction<Integer, Integer> temperature) {
        Map<String, Object> totals = lake.query("SELECT count(*) AS n, count(DISTINCT device_id) AS devices, "
                + "count(DISTINCT (device_id, seq)) AS messages, "
                + "count(DISTINCT (kafka_partition, kafka_offset)) AS positions FROM " + from).get(0);
        assertThat(totals).containsEntry("devices", (long) devices).containsEntry("messages", (long) devices * perDevice);
        assertThat(totals.get("positions")).as("no Kafka record twice").isEqualTo(totals.get("n"));
        List<Map<String, Object>> perDeviceRows = lake.query("SELECT device_id, avg(temperature) AS t, "
                + "count(DISTINCT seq) AS seqs FROM " + from + " GROUP BY device_id ORDER BY device_id");
        assertThat(perDeviceRows).hasSize(devices);
        for (int d = 0; d < devices; d++) {
            Map<String, Object> row = perDeviceRows.get(d);
            assertThat(row.get("device_id")).isEqualTo(device.apply(d));
            assertThat(row.get("seqs")).as("distinct seq of %s", row.get("device_id")).isEqualTo((long) perDevice);
            double expected = 0;
            for (int seq = 0; seq < perDevice; seq++) {
                expected += temperature.applyAsDouble(d, seq);
            }
            assertThat(((Number) row.get("t")).doubleValue()).isCloseTo(expected / perDevice, within(1e-9));
        }
    }
}
