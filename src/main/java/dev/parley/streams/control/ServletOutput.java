package dev.parley.streams.control;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** A stream's output on the suspended servlet response of its request. */
final class ServletOutput implements Output {

    private final AsyncContext async;
    private final HttpServletResponse response;
    private final ServletOutputStream out;

    private ServletOutput(AsyncContext async, HttpServletResponse response, ServletOutputStream out) {
        this.async = async;
        this.response = response;
        this.out = out;
    }

    /** Takes over the response: the event-stream headers now, the body from a writer thread later. */
    static ServletOutput of(AsyncContext async) throws IOException {
        // an SSE stream lasts as long as the client stays; Liberty would otherwise time it out after 30 s
        async.setTimeout(0);
        HttpServletResponse response = (HttpServletResponse) async.getResponse();
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/event-stream");
        response.setHeader("Cache-Control", "no-cache");
        // tells nginx-style proxies not to buffer the stream
        response.setHeader("X-Accel-Buffering", "no");
        response.setBufferSize(2048);
        return new ServletOutput(async, response, response.getOutputStream());
    }

    /** Closes the stream when the container gives up on the connection. */
    void closeOnContainerError(EventStream stream) {
        async.addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                stream.close();
            }

            @Override
            public void onError(AsyncEvent event) {
                stream.close();
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }
        });
    }

    /**
     * Liberty holds back a writer thread's first flush while the request is still being dispatched, so the
     * headers are committed here, on the request's thread. A few hundred bytes on a fresh connection cannot block.
     */
    @Override
    public void open() throws IOException {
        response.flushBuffer();
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() {
        async.complete();
    }
}
