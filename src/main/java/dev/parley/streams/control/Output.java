package dev.parley.streams.control;

import java.io.IOException;

/** Where a stream's bytes go. Called by one writer thread at a time; may block when the client does not read. */
public interface Output {

    /** Sends the response headers. Called once, on the request's own thread, before any write. */
    void open() throws IOException;

    void write(byte[] bytes) throws IOException;

    void flush() throws IOException;

    /** Ends the response. */
    void close();
}
