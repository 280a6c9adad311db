package dev.parley.platform;

/** Checks a configured value when the bean that uses it is built, so a wrong setting stops the start, not a request. */
public final class Settings {

    private Settings() {
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
