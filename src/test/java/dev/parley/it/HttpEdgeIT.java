package dev.parley.it;

import dev.parley.testing.ParleyIT;

import dev.parley.testing.Api;
import dev.parley.testing.RawHttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.RawHttp.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a raw HTTP client meets at Parley's edge (docs/API.md, docs/security.md): every mistake is a 4xx in Parley's
 * own words, a problem under /api and a page elsewhere, and never Liberty's page, a class name, a message id or a
 * stack frame; ambiguous framing is refused and the connection closed; a body that trickles is refused in time.
 */
@ParleyIT("http-edge")
class HttpEdgeIT {

    /** What must never reach a client: Java and Liberty internals. */
    static final Pattern LEAK = Pattern.compile("Exception|Error:|SRVE\\d|CWW[A-Z]+\\d|RESTEASY\\d|\\bat [a-z]+\\.[a-z]+"
            + "|java\\.|jakarta\\.|com\\.ibm|org\\.jboss|\\$WS");

    private RawHttp http;
    private String root;
    private Api api;

    @BeforeEach
    void client(Api api) {
        this.api = api;
        http = new RawHttp(api.base());
        root = api.base().getPath().replaceAll("/$", "");
    }

    private Response get(String path, String accept) {
        return http.send("GET " + root + path + " HTTP/1.1\r\nHost: " + http.hostHeader() + "\r\nAccept: " + accept
                + "\r\nConnection: close\r\n\r\n");
    }

    private Response request(String method, String path, String headers, String body) {
        return http.send(method + " " + root + path + " HTTP/1.1\r\nHost: " + http.hostHeader() + "\r\n" + headers
                + "Connection: close\r\n\r\n" + body);
    }

    private Response join(String headers, String body) {
        return request("POST", "/api/rooms/edge-" + UUID.randomUUID().toString().substring(0, 8) + "/members",
                headers, body);
    }

    static void assertClean(Response response, int status, String what) {
        assertEquals(status, response.status(), what + ": " + response.raw());
        assertFalse(LEAK.matcher(response.raw()).find(), what + " shows internals: " + response.raw());
    }

    static void assertProblem(Response response, int status, String what) {
        assertClean(response, status, what);
        assertTrue(response.contentType().startsWith("application/problem+json"), what + ": " + response.raw());
        assertTrue(response.body().contains("\"status\":" + status), what + ": " + response.body());
    }

    @Test
    void aMissingPageIsParleysOwn404PageOrAProblemForJsonClients() {
        Response page = get("/no-such-page.html", "text/html,application/xhtml+xml,*/*;q=0.8");
        assertClean(page, 404, "a missing page");
        assertTrue(page.contentType().startsWith("text/html"), page.raw());
        assertTrue(page.body().contains("Nothing here"), page.body());
        assertProblem(get("/no-such-page.html", "application/json"), 404, "a missing page asked for as JSON");
        assertProblem(get("/api/no/such/thing", "*/*"), 404, "an unknown API path");
        assertProblem(get("/api/no/such/thing", "text/html"), 404, "an unknown API path from a browser");
    }

    @Test
    void theApplicationsOwnFilesAreNotServed() {
        for (String path : List.of("/WEB-INF/web.xml", "/WEB-INF/classes/META-INF/microprofile-config.properties",
                "/META-INF/MANIFEST.MF", "/WeB-iNf/web.xml", "/api/../WEB-INF/web.xml", "/WEB-INF/web.xml;x=1")) {
            Response response = get(path, "text/html");
            assertClean(response, 404, path);
            assertFalse(response.body().contains("<web-app"), path);
        }
    }

    @Test
    void malformedPathsAreRefusedAsBadRequests() {
        for (String path : List.of("/api/rooms/%C0%AF/members", "/api/rooms/%FF/members", "/api/rooms/a%2Fb/members",
                "/api/rooms/a%5Cb/members", "/api/rooms/%2E/members", "/api/rooms/lobby%23x/members", "/api//rooms",
                "/api/rooms/./members")) {
            assertProblem(get(path, "*/*"), 400, path);
        }
        assertClean(get("/js/%C0%AF.js", "text/html"), 400, "a malformed path outside /api");
    }

    @Test
    void methodsOutsideTheContractAreRefusedAndOptionsAndHeadAnswer() {
        Response foo = request("FOO", "/api/rooms", "", "");
        assertProblem(foo, 405, "FOO on the API");
        assertTrue(foo.header("Allow").contains("GET"), foo.raw());
        assertProblem(request("PROPFIND", "/api/rooms", "", ""), 405, "PROPFIND on the API");
        Response pageFoo = request("PROPFIND", "/", "Accept: text/html\r\n", "");
        assertClean(pageFoo, 405, "PROPFIND on the page");
        assertEquals("GET, HEAD, OPTIONS", pageFoo.header("Allow"));
        assertClean(request("POST", "/index.html", "Content-Length: 0\r\n", ""), 405, "POST to a file");
        Response trace = request("TRACE", "/", "", "");
        assertTrue(trace.status() >= 400 && trace.status() < 500, trace.raw());
        assertFalse(LEAK.matcher(trace.raw()).find(), trace.raw());
        assertFalse(trace.body().contains("Host:"), "TRACE echoes nothing: " + trace.raw());

        Response options = request("OPTIONS", "/", "", "");
        assertEquals(204, options.status(), options.raw());
        assertEquals("GET, HEAD, OPTIONS", options.header("Allow"));
        Response apiOptions = request("OPTIONS", "/api/rooms", "", "");
        assertTrue(apiOptions.status() == 200 || apiOptions.status() == 204, apiOptions.raw());
        assertTrue(apiOptions.header("Allow").contains("GET"), apiOptions.raw());
        Response head = request("HEAD", "/", "", "");
        assertEquals(200, head.status(), head.raw());
        assertEquals("", head.body());
    }

    @Test
    void ambiguousFramingIsRefusedAndTheConnectionClosed() {
        String json = "{\"username\":\"bob\"}";
        String type = "Content-Type: application/json\r\n";
        List<String> framings = List.of(
                "Content-Length: " + json.length() + "\r\nContent-Length: " + json.length() + "\r\n",
                "Content-Length: " + json.length() + "\r\nTransfer-Encoding: chunked\r\n",
                "Transfer-Encoding: gzip, chunked\r\n",
                "Transfer-Encoding: xchunked\r\n",
                "Content-Length: 99999999999999999999\r\n",
                "Content-Length: +18\r\n");
        for (String framing : framings) {
            Response response = join(type + framing, json);
            // 413: Liberty's own message size limit meets a length beyond it first, with an empty answer
            assertTrue(List.of(400, 411, 413).contains(response.status()), framing + ": " + response.raw());
            assertFalse(LEAK.matcher(response.raw()).find(), framing + ": " + response.raw());
        }
        Response chunked = join(type + "Transfer-Encoding: chunked\r\n", Integer.toHexString(json.length()) + "\r\n"
                + json + "\r\n0\r\n\r\n");
        assertProblem(chunked, 411, "a chunked body");
        assertEquals("close", chunked.header("Connection"));
        // no Content-Length and no Transfer-Encoding: no body (RFC 9112, 6.3), and a join needs one
        assertProblem(join(type, ""), 400, "a POST without Content-Length has no body");
        assertProblem(join(type + "Content-Length: 20000\r\n", json), 413, "a declared length over the limit");
    }

    @Test
    void aSmuggledSecondRequestIsNeverAnswered() throws IOException {
        String json = "{\"username\":\"bob\"}";
        String smuggled = "GET " + root + "/api/rooms HTTP/1.1\r\nHost: " + http.hostHeader() + "\r\n\r\n";
        URI server = api.base();
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST " + root + "/api/rooms/smuggle/members HTTP/1.1\r\nHost: "
                    + http.hostHeader() + "\r\nContent-Type: application/json\r\nContent-Length: " + json.length()
                    + "\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + smuggled).getBytes(StandardCharsets.US_ASCII));
            Response response = RawHttp.read(socket.getInputStream());
            // Liberty keeps the Transfer-Encoding of the two, which Parley refuses
            assertTrue(response.status() == 400 || response.status() == 411, response.raw());
            String after = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertEquals("", after, "the connection closed after the refusal, so nothing behind it was answered");
        }
    }

    @Test
    void badVersionsHostsAndHeadersAreBadRequests() {
        String path = root + "/api/rooms";
        for (String request : List.of(
                "GET " + path + " HTTP/1.1\r\nConnection: close\r\n\r\n",
                "GET " + path + " HTTP/1.9\r\nHost: " + http.hostHeader() + "\r\nConnection: close\r\n\r\n",
                "GET " + path + " HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n",
                "GET " + path + " HTTP/1.1\r\nHost: [::1\r\nConnection: close\r\n\r\n",
                "GET " + path + " HTTP/1.1\r\nHost: %%%\r\nConnection: close\r\n\r\n",
                "GET " + path + " HTTP/1.1\r\nHost: example.com:99999\r\nConnection: close\r\n\r\n",
                "GET " + path + " HTTP/1.1\r\nHost: " + http.hostHeader() + "\r\nHost: other\r\nConnection: close\r\n\r\n",
                "GET " + path + " HTTP/1.1\r\nHost: " + http.hostHeader() + "\r\nX-Bad: a\u0000b\r\nConnection: close\r\n\r\n",
                "GET " + path + " HTTP/1.1\r\nHost: " + http.hostHeader() + "\r\nAccept: application/\r\nConnection: close\r\n\r\n")) {
            Response response = http.send(request);
            assertTrue(response.status() == 400, request + " → " + response.raw());
            assertFalse(LEAK.matcher(response.raw()).find(), request + " → " + response.raw());
        }
    }

    @Test
    void onlyJsonBodiesAreAccepted() {
        String json = "{\"username\":\"bob\"}";
        for (String type : List.of("*/*", "text/plain", "application/json;charset=latin1", "application/",
                "application/json; charset=nope-xx", "application/x-www-form-urlencoded", "x".repeat(300))) {
            assertProblem(join("Content-Type: " + type + "\r\nContent-Length: " + json.length() + "\r\n", json), 415,
                    type);
        }
        assertProblem(join("Content-Length: " + json.length() + "\r\n", json), 415, "no Content-Type");
        for (String type : List.of("application/json", "application/json; charset=utf-8", "Application/JSON;charset=\"UTF-8\"")) {
            assertEquals(201, join("Content-Type: " + type + "\r\nContent-Length: " + json.length() + "\r\n", json)
                    .status(), type);
        }
    }

    @Test
    void aBodyThatTricklesIsRefusedOnceAReadWaitsForTheReadTimeoutAndOthersAreServedMeanwhile() throws Exception {
        // the test server's http.read.timeout is 3 s (pom.xml); each trickler holds a request thread until then
        int clients = 40;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Integer>> tricklers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                tricklers.add(pool.submit(this::trickle));
            }
            // while the tricklers hold their requests open, the server still answers everyone else
            for (int i = 0; i < 5; i++) {
                assertEquals(201, api.send(api.request("api/rooms/edge/members").timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"username\":\"quick" + i + "\"}")))
                        .statusCode());
            }
            for (Future<Integer> trickler : tricklers) {
                int status = trickler.get(30, TimeUnit.SECONDS);
                assertTrue(status == 408 || status == 0, "refused (0: the connection closed after the refusal): " + status);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Declares a body and sends it a byte every 200 ms (it would take 6 s; a read may wait 3 s here), stopping once
     * the server answers or closes. Returns the status, or 0 when the connection was closed under it.
     */
    private int trickle() {
        URI server = api.base();
        String body = "{\"username\":\"" + "t".repeat(15) + "\"}";
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + root + "/api/rooms/edge/members HTTP/1.1\r\nHost: " + http.hostHeader()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int i = 0; i < body.length() && socket.getInputStream().available() == 0; i++) {
                out.write(body.charAt(i));
                out.flush();
                Thread.sleep(200);
            }
            return RawHttp.read(socket.getInputStream()).status();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
