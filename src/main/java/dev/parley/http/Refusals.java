package dev.parley.http;

import dev.parley.problems.Problem;
import dev.parley.problems.ProblemResponses;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Answers a request the HTTP edge refuses, in the form its client reads: {@code application/problem+json} under
 * {@code /api} and for clients that prefer JSON, otherwise a small HTML page in the chat page's style (the static
 * {@code 404.html} for a 404). Nothing in it comes from the request, so nothing a client sent is echoed.
 */
final class Refusals {

    private static final String PAGE = "/404.html";

    private Refusals() {
    }

    static void send(HttpServletRequest request, HttpServletResponse response, Problem problem,
                     Map<String, String> headers) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        if (isApi(request) || prefersJson(request.getHeader("Accept"))) {
            ProblemResponses.write(response, problem, headers);
        } else {
            html(request, response, problem, headers);
        }
    }

    static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/api") || path.startsWith("/api/");
    }

    /** A JSON type named in Accept, and no HTML: an API client, not a browser (browsers always name text/html). */
    static boolean prefersJson(String accept) {
        if (accept == null) {
            return false;
        }
        String types = accept.toLowerCase(Locale.ROOT);
        return types.contains("json") && !types.contains("text/html");
    }

    private static void html(HttpServletRequest request, HttpServletResponse response, Problem problem,
                             Map<String, String> headers) throws IOException {
        byte[] page = problem.status() == 404 ? notFoundPage(request.getServletContext()) : null;
        if (page == null) {
            String title = escape(problem.title());
            page = ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
                    + " · Parley</title><link rel=\"stylesheet\" href=\"" + request.getContextPath()
                    + "/css/parley.css\"></head><body class=\"notice\"><main class=\"card\"><h1>" + title
                    + "</h1><p>" + escape(problem.detail()) + "</p><p><a href=\"" + request.getContextPath()
                    + "/\">Back to Parley</a></p></main></body></html>\n").getBytes(StandardCharsets.UTF_8);
        }
        response.resetBuffer();
        response.setStatus(problem.status());
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        headers.forEach(response::setHeader);
        response.setContentLength(page.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(page);
        }
        response.flushBuffer();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static byte[] notFoundPage(ServletContext context) throws IOException {
        try (InputStream in = context.getResourceAsStream(PAGE)) {
            return in == null ? null : in.readAllBytes();
        }
    }
}
