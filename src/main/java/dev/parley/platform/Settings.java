package dev.parley.platform;

import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/**
 * Reads configured values and checks them when the feature's settings are built, so a wrong setting stops the
 * start, not a request. Each key is spelled once, where it is read; its default is in microprofile-config.properties.
 */
public final class Settings {

    private final Config config;

    public Settings(Config config) {
        this.config = config;
    }

    public int atLeast(String key, int minimum) {
        return atLeast(key, config.getValue(key, Integer.class), minimum);
    }

    public long atLeast(String key, long minimum) {
        return atLeast(key, config.getValue(key, Long.class), minimum);
    }

    public Duration millis(String key, long minimum) {
        return Duration.ofMillis(atLeast(key, minimum));
    }

    public Duration seconds(String key, long minimum) {
        return Duration.ofSeconds(atLeast(key, minimum));
    }

    public String string(String key) {
        return config.getValue(key, String.class);
    }

    /** A key with no default, empty when it is not set (or set blank). */
    public java.util.Optional<String> optional(String key) {
        return config.getOptionalValue(key, String.class).map(String::strip).filter(value -> !value.isEmpty());
    }

    public static int atLeast(String key, int value, int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(key + " must be at least " + minimum + ", not " + value);
        }
        return value;
    }

    public static long atLeast(String key, long value, long minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(key + " must be at least " + minimum + ", not " + value);
        }
        return value;
    }
}
