package dev.parley.problems;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a problem straight to a servlet response, for the refusals made before JAX-RS sees a request (the HTTP
 * edge's filters, the container's error pages). Built with JSON-P, so it needs nothing that could fail to load.
 */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    /** Writes the problem unless the response is already committed; headers are set as given. */
    public static void write(HttpServletResponse response, Problem problem, Map<String, String> headers)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(problem.status());
        response.setContentType(Problem.MEDIA_TYPE);
        response.setHeader("Cache-Control", "no-store");
        headers.forEach(response::setHeader);
        byte[] body = json(problem).getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    public static void write(HttpServletResponse response, ProblemException refusal) throws IOException {
        write(response, refusal.problem(), refusal.headers());
    }

    /** The problem's JSON: the standard members, then its extensions in name order. */
    static String json(Problem problem) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("type", problem.type())
                .add("title", problem.title())
                .add("status", problem.status())
                .add("detail", problem.detail());
        new TreeMap<>(problem.extensions()).forEach(json::add);
        return json.build().toString();
    }
}
