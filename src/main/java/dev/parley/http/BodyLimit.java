package dev.parley.http;

import static dev.parley.platform.Settings.atLeast;

import dev.parley.problems.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request body over {@code parley.request.max-bytes} with 413: at once when Content-Length says so,
 * and while reading when the body is chunked, so no body is ever buffered whole before it is measured.
 */
@Provider
@PreMatching
@ApplicationScoped
public class BodyLimit implements ContainerRequestFilter {

    private final long maxBytes;

    @Inject
    public BodyLimit(@ConfigProperty(name = "parley.request.max-bytes") long maxBytes) {
        this.maxBytes = atLeast("parley.request.max-bytes", maxBytes, 1);
    }

    public BodyLimit() {
        // for the CDI client proxy, and for JAX-RS, which looks for a public constructor
        this.maxBytes = 0;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > maxBytes) {
            throw Problems.tooLarge(maxBytes);
        }
        if (request.hasEntity()) {
            request.setEntityStream(new Limited(request.getEntityStream(), maxBytes));
        }
    }

    static final class Limited extends FilterInputStream {
        private final long max;
        private long read;

        Limited(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > max) {
                throw Problems.tooLarge(max);
            }
        }
    }
}
