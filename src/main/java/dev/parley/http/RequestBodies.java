package dev.parley.http;

import dev.parley.problems.ProblemException;
import dev.parley.problems.ProblemResponses;
import dev.parley.problems.Problems;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads every request body under {@code /api} in full before anything else sees it, without a thread: the body is
 * collected by a non-blocking {@link ReadListener}, bounded by {@code parley.request.max-bytes} (413) and by
 * {@code parley.request.body-timeout-millis} (408, on Parley's scheduler), and only then is the request dispatched again, with the bytes,
 * to JAX-RS. A client that trickles its body a byte a second therefore holds no request thread, and a body is never
 * parsed while it is still arriving. A body must be {@code application/json}, UTF-8 (415 otherwise).
 */
public class RequestBodies extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(RequestBodies.class.getName());
    private static final String BODY = RequestBodies.class.getName() + ".body";
    private static final String REFUSAL = RequestBodies.class.getName() + ".refusal";
    private static final long BACKSTOP_MILLIS = 5000;

    // the container creates filters and injects their fields (it calls no injecting constructor)
    @Inject
    transient HttpLimits limits;
    @Inject
    transient ScheduledExecutorService scheduler;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getDispatcherType() == DispatcherType.ASYNC && request.getAttribute(BODY) instanceof byte[] body) {
            request.removeAttribute(BODY);
            chain.doFilter(new Buffered(request, body), response);
            return;
        }
        if (request.getDispatcherType() == DispatcherType.ASYNC
                && request.getAttribute(REFUSAL) instanceof ProblemException refusal) {
            request.removeAttribute(REFUSAL);
            // the body was not read to its end: the connection cannot carry another request
            response.setHeader("Connection", "close");
            ProblemResponses.write(response, refusal);
            return;
        }
        if (request.getDispatcherType() != DispatcherType.REQUEST || !hasBody(request)) {
            chain.doFilter(request, response);
            return;
        }
        try {
            MediaTypes.requireJson(request.getContentType());
            if (request.getContentLengthLong() > limits.maxBodyBytes()) {
                throw Problems.tooLarge(limits.maxBodyBytes());
            }
        } catch (ProblemException refused) {
            // the body is left unread: the connection cannot be reused for another request
            response.setHeader("Connection", "close");
            ProblemResponses.write(response, refused);
            return;
        }
        AsyncContext async = request.startAsync(request, response);
        // the deadline is Parley's own: an async context that expires in the container leaves CDI's request context
        // to log a warning per request (WELD-000715), which would let slow clients fill the log; the container's
        // timeout stays as a backstop only
        long deadline = limits.bodyTimeout().toMillis();
        async.setTimeout(deadline + BACKSTOP_MILLIS);
        Collector collector = new Collector(async, request.getInputStream(), limits.maxBodyBytes());
        collector.deadline = scheduler.schedule(() -> collector.refuse(Problems.bodyTimeout(deadline)), deadline,
                TimeUnit.MILLISECONDS);
        async.addListener(collector);
        request.getInputStream().setReadListener(collector);
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    /** Gathers the body as it arrives, then hands the request on; or refuses it, once. */
    private static final class Collector implements ReadListener, AsyncListener {
        private final AsyncContext async;
        private final ServletInputStream in;
        private final long max;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final byte[] buffer = new byte[4096];
        private final AtomicBoolean done = new AtomicBoolean();
        volatile ScheduledFuture<?> deadline;

        Collector(AsyncContext async, ServletInputStream in, long max) {
            this.async = async;
            this.in = in;
            this.max = max;
        }

        @Override
        public void onDataAvailable() throws IOException {
            while (in.isReady() && !in.isFinished()) {
                int n = in.read(buffer);
                if (n < 0) {
                    return;
                }
                synchronized (body) {
                    if (body.size() + n > max) {
                        refuse(Problems.tooLarge(max));
                        return;
                    }
                    body.write(buffer, 0, n);
                }
            }
        }

        @Override
        public void onAllDataRead() {
            if (done.compareAndSet(false, true)) {
                cancelDeadline();
                synchronized (body) {
                    async.getRequest().setAttribute(BODY, body.toByteArray());
                }
                async.dispatch();
            }
        }

        @Override
        public void onError(Throwable failure) {
            // the client went away, or its chunked framing was broken
            LOG.log(Level.FINE, "reading a request body failed", failure);
            refuse(Problems.badRequest("unreadable-body", "The request body could not be read to its end."));
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            refuse(Problems.bodyTimeout(async.getTimeout()));
        }

        private void cancelDeadline() {
            ScheduledFuture<?> task = deadline;
            if (task != null) {
                task.cancel(false);
            }
        }

        @Override
        public void onError(AsyncEvent event) {
            onError(event.getThrowable());
        }

        @Override
        public void onComplete(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }

        /**
         * Answers through a dispatch, like a body that arrived: the refusal is written on a container thread within
         * the request's own lifecycle (completing from a listener leaves CDI's request context to warn, per request).
         */
        void refuse(ProblemException refusal) {
            if (done.compareAndSet(false, true)) {
                cancelDeadline();
                async.getRequest().setAttribute(REFUSAL, refusal);
                async.dispatch();
            }
        }
    }

    /** The request with its body already read. */
    private static final class Buffered extends HttpServletRequestWrapper {
        private final byte[] body;

        Buffered(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return bytes.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body has been read already");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public String getHeader(String name) {
            if ("Content-Length".equalsIgnoreCase(name)) {
                return Integer.toString(body.length);
            }
            return "Transfer-Encoding".equalsIgnoreCase(name) ? null : super.getHeader(name);
        }
    }
}
