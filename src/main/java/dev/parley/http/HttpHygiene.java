package dev.parley.http;

import dev.parley.problems.Problem;
import dev.parley.problems.Problems;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.MalformedURLException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The first thing every request meets: what Liberty lets through but no well-behaved client sends is refused here
 * with a 4xx (docs/security.md lists each check and what only a proxy in front can refuse). Ambiguous framing, the
 * raw material of request smuggling behind a proxy, is refused and the connection closed; so is anything that
 * would make Liberty or RESTEasy answer with its own error page, a 5xx or a stack trace in the log (a garbage
 * Host makes RESTEasy fail building the request URI). It reads no body and decodes nothing it was not asked to.
 *
 * <p>Longer than most: it is the one list of what the edge refuses, in the order a request is examined, so that a
 * reader checks it against docs/security.md in one place.
 */
public class HttpHygiene extends HttpFilter {

    private static final long serialVersionUID = 1L;

    private static final Set<String> API_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final String API_ALLOW = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
    private static final Set<String> PAGE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final String PAGE_ALLOW = "GET, HEAD, OPTIONS";
    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");
    // a DNS name or IPv4 address, or an IPv6 literal in brackets; an optional port
    private static final Pattern HOST = Pattern.compile("(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
            + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?|\\[[0-9A-Fa-f:.]{2,45}])(?::([0-9]{1,5}))?");
    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    private static final Pattern HEADER_NAME = Pattern.compile(TOKEN);
    private static final Pattern MEDIA_RANGE = Pattern.compile(TOKEN + "/" + TOKEN
            + "(?:[ \\t]*;[ \\t]*" + TOKEN + "=(?:" + TOKEN + "|\"[^\"\\\\]*\"))*");
    private static final int MAX_PATH = 2048;
    private static final int MAX_ACCEPT = 1024;

    // the container creates filters and injects their fields (it calls no injecting constructor)
    @Inject
    transient HttpLimits limits;

    private transient Clients clients;
    private final transient Map<String, AtomicInteger> inProgress = new ConcurrentHashMap<>();

    @Override
    public void init() {
        clients = new Clients(limits.trustedProxies());
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getDispatcherType() != DispatcherType.REQUEST) {
            chain.doFilter(request, response);
            return;
        }
        Refusal refusal = check(request);
        String client = null;
        if (refusal == null) {
            client = clients.find(request.getRemoteAddr(), Collections.list(request.getHeaders("X-Forwarded-For")));
            if (client == null) {
                refusal = Refusal.of(400, "Bad request", "X-Forwarded-For names something that is not an address.");
            }
        }
        if (refusal != null) {
            Refusals.send(request, response, refusal.problem(), refusal.headers());
            return;
        }
        request.setAttribute(Clients.ATTRIBUTE, client);
        if (clients.forwardedSecure(request)) {
            request.setAttribute(Clients.SECURE, Boolean.TRUE);
        }
        if ("OPTIONS".equals(request.getMethod()) && !Refusals.isApi(request)) {
            // the page's files: the default servlet would answer OPTIONS with the file itself
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            response.setHeader("Allow", PAGE_ALLOW);
            return;
        }
        if (!enter(client)) {
            Refusals.send(request, response, Problems.tooManyRequests(limits.maxRequestsPerClient()).problem(),
                    Map.of("Retry-After", "1", "Connection", "close"));
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            // an event stream has gone async by now: it counts among the client's streams, not its requests
            leave(client);
        }
    }

    private boolean enter(String client) {
        AtomicInteger count = inProgress.computeIfAbsent(client, c -> new AtomicInteger());
        if (count.incrementAndGet() > limits.maxRequestsPerClient()) {
            leave(client);
            return false;
        }
        return true;
    }

    private void leave(String client) {
        inProgress.computeIfPresent(client, (c, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    /** Why the request is refused, or null. The order matters: nothing may touch the URL before the Host is checked. */
    Refusal check(HttpServletRequest request) {
        String protocol = request.getProtocol();
        if (!"HTTP/1.1".equals(protocol) && !"HTTP/1.0".equals(protocol)) {
            return Refusal.closing(400, "Bad request", "Only HTTP/1.0 and HTTP/1.1 are spoken here.");
        }
        Refusal framing = framing(request);
        if (framing != null) {
            return framing;
        }
        List<String> hosts = Collections.list(request.getHeaders("Host"));
        if (hosts.size() > 1 || hosts.isEmpty() && "HTTP/1.1".equals(protocol)
                || hosts.size() == 1 && !validHost(hosts.get(0))) {
            return Refusal.closing(400, "Bad request", "The request needs exactly one valid Host header.");
        }
        if (!validHeaders(request)) {
            return Refusal.closing(400, "Bad request", "A header has an invalid name or a control character.");
        }
        String path = decodePath(request.getRequestURI().substring(request.getContextPath().length()));
        if (path == null) {
            return Refusal.of(400, "Bad request", "The request path is not well formed: percent-encoding of UTF-8, "
                    + "no encoded '/', '\\', '.' or '#', no empty, '.' or '..' segments.");
        }
        boolean api = path.equals("/api") || path.startsWith("/api/");
        String method = request.getMethod();
        if (!(api ? API_METHODS : PAGE_METHODS).contains(method)) {
            return new Refusal(Problem.ofStatus(405, "Method not allowed", "This resource does not support that method."),
                    Map.of("Allow", api ? API_ALLOW : PAGE_ALLOW));
        }
        if (api) {
            return validAccept(request) ? body(request) : Refusal.of(400, "Bad request", "The Accept header is not well formed.");
        }
        return page(request, path);
    }

    /**
     * A body must be JSON and within the limit; both are known from the headers, so a refused body is never read
     * (and the connection closes, as its bytes are still on the way).
     */
    private Refusal body(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        if (length <= 0) {
            return null;
        }
        if (!MediaTypes.isJson(request.getContentType())) {
            return new Refusal(Problems.unsupportedMediaType().problem(), Map.of("Connection", "close"));
        }
        if (length > limits.maxBodyBytes()) {
            return new Refusal(Problems.tooLarge(limits.maxBodyBytes()).problem(), Map.of("Connection", "close"));
        }
        return null;
    }

    /**
     * One Content-Length of digits, or none; never a Transfer-Encoding. Liberty drops a second or malformed
     * Content-Length silently and accepts {@code Transfer-Encoding :}, so a chunked or doubly framed body could be
     * read differently by a proxy in front: no request body here is chunked (411 asks for a length).
     */
    private static Refusal framing(HttpServletRequest request) {
        List<String> lengths = Collections.list(request.getHeaders("Content-Length"));
        List<String> encodings = Collections.list(request.getHeaders("Transfer-Encoding"));
        if (!encodings.isEmpty()) {
            return encodings.size() == 1 && encodings.get(0).strip().equalsIgnoreCase("chunked") && lengths.isEmpty()
                    ? Refusal.closing(411, "Length required", "Send the body with a Content-Length, not chunked.")
                    : Refusal.closing(400, "Bad request", "The body's framing is ambiguous.");
        }
        if (lengths.size() > 1 || lengths.size() == 1 && !DIGITS.matcher(lengths.get(0).strip()).matches()) {
            return Refusal.closing(400, "Bad request", "The body's framing is ambiguous.");
        }
        return null;
    }

    private static boolean validHost(String host) {
        var matcher = HOST.matcher(host);
        if (!matcher.matches()) {
            return false;
        }
        String port = matcher.group(1);
        return port == null || Integer.parseInt(port) >= 1 && Integer.parseInt(port) <= 65535;
    }

    private static boolean validHeaders(HttpServletRequest request) {
        for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            if (!HEADER_NAME.matcher(name).matches()) {
                return false;
            }
            for (Enumeration<String> values = request.getHeaders(name); values.hasMoreElements(); ) {
                String value = values.nextElement();
                for (int i = 0; i < value.length(); i++) {
                    char c = value.charAt(i);
                    if (c < 0x20 && c != '\t' || c == 0x7f) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** RESTEasy answers an Accept it cannot parse with an error of its own (and a stack trace in the log). */
    private static boolean validAccept(HttpServletRequest request) {
        for (Enumeration<String> values = request.getHeaders("Accept"); values.hasMoreElements(); ) {
            String accept = values.nextElement();
            if (accept.length() > MAX_ACCEPT) {
                return false;
            }
            for (String range : accept.split(",", -1)) {
                String trimmed = range.strip();
                if (!trimmed.isEmpty() && !MEDIA_RANGE.matcher(trimmed).matches()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The static page's files: what is not there is a 404 answered here, not Liberty's page naming its exception. */
    private static Refusal page(HttpServletRequest request, String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.startsWith("/web-inf") || lower.startsWith("/meta-inf") || !exists(request, path)) {
            return Refusal.of(404, "Not found", "There is nothing at this address.");
        }
        return null;
    }

    private static boolean exists(HttpServletRequest request, String path) {
        try {
            return request.getServletContext().getResource(path.endsWith("/") ? path + "index.html" : path) != null;
        } catch (MalformedURLException e) {
            return false;
        }
    }

    /**
     * The path, strictly decoded: well-formed percent-encoding of UTF-8, no control characters, none of the
     * separators encoded (Liberty would decode {@code %2F} into a path separator after the checks), no empty,
     * {@code .} or {@code ..} segments. Null when it breaks a rule.
     */
    static String decodePath(String raw) {
        if (raw.isEmpty() || raw.charAt(0) != '/' || raw.length() > MAX_PATH) {
            return raw.isEmpty() ? "/" : null;
        }
        ByteBuffer bytes = ByteBuffer.allocate(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int low = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    return null;
                }
                int b = high * 16 + low;
                if (b == '/' || b == '\\' || b == '.' || b == '#' || b < 0x20 || b == 0x7f) {
                    return null;
                }
                bytes.put((byte) b);
                i += 2;
            } else if (c <= 0x20 || c >= 0x7f || c == '\\') {
                return null;
            } else {
                bytes.put((byte) c);
            }
        }
        bytes.flip();
        String path;
        try {
            path = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        String[] segments = path.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if (segment.equals(".") || segment.equals("..") || segment.isEmpty() && !last) {
                return null;
            }
            for (int j = 0; j < segment.length(); j++) {
                if (Character.getType(segment.charAt(j)) == Character.CONTROL) {
                    return null;
                }
            }
        }
        return path;
    }

    /** A refusal: its problem and headers ({@code Connection: close} where a body may follow that was not read). */
    record Refusal(Problem problem, Map<String, String> headers) {

        static Refusal of(int status, String title, String detail) {
            return new Refusal(Problem.ofStatus(status, title, detail), Map.of());
        }

        static Refusal closing(int status, String title, String detail) {
            return new Refusal(Problem.ofStatus(status, title, detail), Map.of("Connection", "close"));
        }
    }
}
