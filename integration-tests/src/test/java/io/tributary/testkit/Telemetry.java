package io.tributary.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Deterministic test telemetry, shared by every source's tests, so the lake's content can be checked exactly. */
public final class Telemetry {

    public static final Instant START = Instant.parse("2026-11-21T08:00:00Z");

    private Telemetry() {
    }

    public static String device(int index) {
        return String.format("dev-%03d", index);
    }

    /** A temperature that differs per device and sequence number, so averages catch a lost or doubled row. */
    public static double temperature(int device, int seq) {
        return 15.0 + device * 0.25 + (seq % 17) * 0.5;
    }

    public static byte[] payload(int device, int seq) {
        String json = "{\"deviceId\":\"" + device(device) + "\",\"seq\":" + seq + ",\"ts\":\""
                + START.plusSeconds(seq) + "\",\"temp\":" + temperature(device, seq) + "}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    public static double expectedAverage(int device, int messages) {
        double sum = 0;
        for (int seq = 0; seq < messages; seq++) {
            sum += temperature(device, seq);
        }
        return sum / messages;
    }
}
