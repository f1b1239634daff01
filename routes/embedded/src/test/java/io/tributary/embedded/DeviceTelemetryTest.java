package io.tributary.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DeviceTelemetryTest {

    private static final Pattern PAYLOAD = Pattern.compile(
            "\\{\"deviceId\":\"(dev-\\d{3,})\",\"seq\":(\\d+),\"ts\":\"(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z)\","
                    + "\"temp\":(-?\\d+\\.\\d{2}),\"humidity\":(\\d+\\.\\d),\"battery\":(\\d\\.\\d{2})}");

    @Test
    void namesDevicesWithThreeDigitsAtLeast() {
        assertThat(DeviceTelemetry.deviceId(0)).isEqualTo("dev-000");
        assertThat(DeviceTelemetry.deviceId(7)).isEqualTo("dev-007");
        assertThat(DeviceTelemetry.deviceId(999)).isEqualTo("dev-999");
        assertThat(DeviceTelemetry.deviceId(1000)).isEqualTo("dev-1000");
    }

    @Test
    void writesTheDocumentedJsonWithASequenceFromZero() {
        DeviceTelemetry device = new DeviceTelemetry("dev-007", new SplittableRandom(42));

        for (int expectedSeq = 0; expectedSeq < 5; expectedSeq++) {
            Matcher matcher = PAYLOAD.matcher(device.nextPayload(Instant.parse("2026-11-21T08:00:00.123Z")));

            assertThat(matcher.matches()).isTrue();
            assertThat(matcher.group(1)).isEqualTo("dev-007");
            assertThat(Long.parseLong(matcher.group(2))).isEqualTo(expectedSeq);
            assertThat(matcher.group(3)).isEqualTo("2026-11-21T08:00:00.123Z");
        }
        assertThat(device.nextSeq()).isEqualTo(5);
    }

    @Test
    void keepsMillisecondsInTheTimestampEvenWhenZero() {
        DeviceTelemetry device = new DeviceTelemetry("dev-000", new SplittableRandom(1));

        String payload = device.nextPayload(Instant.parse("2026-01-02T03:04:05Z"));

        assertThat(payload).contains("\"ts\":\"2026-01-02T03:04:05.000Z\"");
    }

    @Test
    void keepsReadingsPlausibleOverALongRun() {
        DeviceTelemetry device = new DeviceTelemetry("dev-001", new SplittableRandom(7));
        Instant now = Instant.parse("2026-11-21T00:00:00Z");
        double previousTemp = Double.NaN;

        for (int i = 0; i < 200_000; i++) {
            Matcher matcher = PAYLOAD.matcher(device.nextPayload(now));
            assertThat(matcher.matches()).isTrue();
            double temp = Double.parseDouble(matcher.group(4));
            double humidity = Double.parseDouble(matcher.group(5));
            double battery = Double.parseDouble(matcher.group(6));

            assertThat(temp).isBetween(DeviceTelemetry.MIN_TEMP, DeviceTelemetry.MAX_TEMP);
            assertThat(humidity).isBetween(0.0, 100.0);
            assertThat(battery).isBetween(DeviceTelemetry.MIN_BATTERY, DeviceTelemetry.FULL_BATTERY);
            if (!Double.isNaN(previousTemp)) {
                // a random walk, not white noise: consecutive readings stay close
                assertThat(Math.abs(temp - previousTemp)).isLessThan(2.0);
            }
            previousTemp = temp;
        }
    }

    @Test
    void givesDevicesDifferentReadings() {
        SplittableRandom seeds = new SplittableRandom(3);
        DeviceTelemetry first = new DeviceTelemetry("dev-000", seeds.split());
        DeviceTelemetry second = new DeviceTelemetry("dev-001", seeds.split());
        Instant now = Instant.parse("2026-11-21T00:00:00Z");

        String a = first.nextPayload(now).replace("dev-000", "");
        String b = second.nextPayload(now).replace("dev-001", "");

        assertThat(a).isNotEqualTo(b);
    }
}
