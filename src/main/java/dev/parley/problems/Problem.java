package dev.parley.problems;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTransient;
import java.util.Map;

/**
 * The RFC 9457 body.
 *
 * @param extensions more members of the problem (RFC 9457, 3.2), written after the standard ones: for a ban, its
 *                   {@code reason} and {@code until}
 */
@JsonbPropertyOrder({"type", "title", "status", "detail"})
public record Problem(String type, String title, int status, String detail,
                      @JsonbTransient Map<String, String> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        extensions = Map.copyOf(extensions);
    }

    public Problem(String type, String title, int status, String detail) {
        this(type, title, status, detail, Map.of());
    }

    /** A problem that means no more than its HTTP status. */
    public static Problem ofStatus(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail);
    }
}
