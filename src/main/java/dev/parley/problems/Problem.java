package dev.parley.problems;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** The RFC 9457 body. */
@JsonbPropertyOrder({"type", "title", "status", "detail"})
public record Problem(String type, String title, int status, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** A problem that means no more than its HTTP status. */
    public static Problem ofStatus(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail);
    }
}
