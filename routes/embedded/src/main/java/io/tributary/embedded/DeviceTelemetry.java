package io.tributary.embedded;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One simulated device: its id, its message sequence and three sensor readings that drift as
 * bounded random walks. Not thread-safe; the simulator touches each device from one thread.
 */
final class DeviceTelemetry {

    /** RFC 3339 in UTC with exactly three fraction digits, which ISO_INSTANT does not guarantee. */
    static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    static final double MIN_TEMP = -40.0;
    static final double MAX_TEMP = 85.0;
    static final double MIN_BATTERY = 3.0;
    static final double FULL_BATTERY = 4.2;
    /** Below this a device is "recharged", so long runs do not end with a fleet of flat batteries. */
    static final double RECHARGE_BELOW = 3.3;

    private static final String PAYLOAD =
            "{\"deviceId\":\"%s\",\"seq\":%d,\"ts\":\"%s\",\"temp\":%.2f,\"humidity\":%.1f,\"battery\":%.2f}";

    private final String deviceId;
    private final SplittableRandom random;
    private final double comfortTemp;
    private final double comfortHumidity;
    private long nextSeq;
    private double temp;
    private double humidity;
    private double battery;

    DeviceTelemetry(String deviceId, SplittableRandom random) {
        this.deviceId = deviceId;
        this.random = random;
        this.comfortTemp = random.nextDouble(18.0, 26.0);
        this.comfortHumidity = random.nextDouble(35.0, 55.0);
        this.temp = comfortTemp;
        this.humidity = comfortHumidity;
        this.battery = random.nextDouble(3.7, FULL_BATTERY);
    }

    /** {@code dev-007} for index 7; at least three digits so ids sort like their indexes up to 999. */
    static String deviceId(int index) {
        return String.format(Locale.ROOT, "dev-%03d", index);
    }

    String deviceId() {
        return deviceId;
    }

    /** The sequence number the next message will carry. */
    long nextSeq() {
        return nextSeq;
    }

    /** Advances the readings one step and returns the next message's JSON payload. */
    String nextPayload(Instant timestamp) {
        step();
        return String.format(Locale.ROOT, PAYLOAD,
                deviceId, nextSeq++, TIMESTAMP.format(timestamp), temp, humidity, battery);
    }

    private void step() {
        // a gentle pull back towards the device's own set point keeps the walk from wandering off
        temp = clamp(temp + 0.05 * (comfortTemp - temp) + gaussian(0.15), MIN_TEMP, MAX_TEMP);
        humidity = clamp(humidity + 0.05 * (comfortHumidity - humidity) + gaussian(0.4), 0.0, 100.0);
        battery -= 0.0005 + Math.abs(gaussian(0.0005));
        if (battery < RECHARGE_BELOW) {
            battery = FULL_BATTERY;
        }
        battery = clamp(battery, MIN_BATTERY, FULL_BATTERY);
    }

    private double gaussian(double sigma) {
        // Box-Muller; SplittableRandom has no nextGaussian on Java 17
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return sigma * Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
