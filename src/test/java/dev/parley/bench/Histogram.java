package dev.parley.bench;

/**
 * Latencies in two resolutions: 10 µs steps up to 100 ms, then 1 ms steps up to 120 s (beyond: the last bucket).
 * Thread-confined; merge to combine.
 */
final class Histogram {

    private static final long FINE_STEP = 10_000;          // ns
    private static final int FINE_BUCKETS = 10_000;        // up to 100 ms
    private static final long COARSE_STEP = 1_000_000;     // ns
    private static final int COARSE_BUCKETS = 120_000;     // up to 120 s

    private final long[] fine = new long[FINE_BUCKETS];
    private final long[] coarse = new long[COARSE_BUCKETS];
    private long count;
    private long max;

    void record(long nanos) {
        long value = Math.max(0, nanos);
        if (value < FINE_STEP * FINE_BUCKETS) {
            fine[(int) (value / FINE_STEP)]++;
        } else {
            coarse[(int) Math.min(COARSE_BUCKETS - 1, value / COARSE_STEP)]++;
        }
        count++;
        max = Math.max(max, value);
    }

    void merge(Histogram other) {
        for (int i = 0; i < FINE_BUCKETS; i++) {
            fine[i] += other.fine[i];
        }
        for (int i = 0; i < COARSE_BUCKETS; i++) {
            coarse[i] += other.coarse[i];
        }
        count += other.count;
        max = Math.max(max, other.max);
    }

    long count() {
        return count;
    }

    double maxMillis() {
        return max / 1e6;
    }

    /** The latency below which this fraction of the values fall, in milliseconds. */
    double percentileMillis(double fraction) {
        if (count == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(fraction * count);
        long seen = 0;
        for (int i = 0; i < FINE_BUCKETS; i++) {
            seen += fine[i];
            if (seen >= rank) {
                return (i + 1) * FINE_STEP / 1e6;
            }
        }
        for (int i = 0; i < COARSE_BUCKETS; i++) {
            seen += coarse[i];
            if (seen >= rank) {
                return Math.min((i + 1) * COARSE_STEP, max) / 1e6;
            }
        }
        return max / 1e6;
    }
}
