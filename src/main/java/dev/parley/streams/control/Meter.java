package dev.parley.streams.control;

/** What streams report for metrics. */
public interface Meter {

    Meter NONE = new Meter() {
        @Override
        public void delivered(int events, long oldestLiveEpochMillis) {
        }

        @Override
        public void droppedSlow() {
        }
    };

    /**
     * Chat events written to a client.
     *
     * @param oldestLiveEpochMillis when the oldest live (not replayed) one happened, or 0 if none was live
     */
    void delivered(int events, long oldestLiveEpochMillis);

    /** A stream was closed for falling too far behind. */
    void droppedSlow();
}
