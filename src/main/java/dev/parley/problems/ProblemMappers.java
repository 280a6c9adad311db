package dev.parley.problems;

import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Comparator;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/** The one family of mappers: every exception that leaves a resource becomes a problem. */
public final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    private ProblemMappers() {
    }

    /** The response for a refusal, for mappers of other features' exceptions too. */
    public static Response respond(ProblemException refusal) {
        return respond(refusal.problem(), refusal.headers());
    }

    static Response respond(Problem problem, Map<String, String> headers) {
        Response.ResponseBuilder response = Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(ProblemResponses.json(problem));
        headers.forEach(response::header);
        return response.build();
    }

    @Provider
    public static class Domain implements ExceptionMapper<ProblemException> {
        @Override
        public Response toResponse(ProblemException e) {
            return respond(e.problem(), e.headers());
        }
    }

    @Provider
    public static class Validation implements ExceptionMapper<ConstraintViolationException> {
        @Override
        public Response toResponse(ConstraintViolationException e) {
            String detail = e.getConstraintViolations().stream()
                    .map(ConstraintViolation::getMessage)
                    .sorted(Comparator.naturalOrder())
                    .distinct()
                    .collect(Collectors.joining("; "));
            return respond(Problems.badRequest("invalid", detail.isEmpty() ? "The request is not valid." : detail)
                    .problem(), Map.of());
        }
    }

    /** What the JAX-RS runtime itself refuses: unknown path, wrong method, wrong media type. */
    @Provider
    public static class Http implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response original = e.getResponse();
            int status = original.getStatus();
            Map<String, String> headers = Map.of();
            if (e instanceof NotAllowedException && original.getHeaderString(HttpHeaders.ALLOW) != null) {
                headers = Map.of(HttpHeaders.ALLOW, original.getHeaderString(HttpHeaders.ALLOW));
            }
            return respond(Problem.ofStatus(status, StatusTexts.title(status), StatusTexts.detail(status)), headers);
        }
    }

    /** Everything else: malformed bodies (wrapped by the JSON-B reader) and bugs. */
    @Provider
    public static class Unexpected implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof ProblemException problem) {
                    return respond(problem.problem(), problem.headers());
                }
                if (cause instanceof JsonbException || cause instanceof JsonParsingException) {
                    return respond(Problems.badRequest("malformed-json", "The body is not the JSON this endpoint expects.")
                            .problem(), Map.of());
                }
                if (cause instanceof WebApplicationException web) {
                    return new Http().toResponse(web);
                }
                if (cause instanceof IllegalCharsetNameException || cause instanceof UnsupportedCharsetException) {
                    return respond(Problems.unsupportedMediaType().problem(), Map.of());
                }
            }
            LOG.log(Level.WARNING, "Unexpected failure answered with 500", e);
            return respond(Problem.ofStatus(500, StatusTexts.title(500), StatusTexts.detail(500)), Map.of());
        }
    }
}
