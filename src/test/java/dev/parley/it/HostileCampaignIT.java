package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Api;
import dev.parley.testing.EventReader;
import dev.parley.testing.ParleyIT;
import dev.parley.testing.RawHttp;
import dev.parley.testing.RawHttp.Response;
import dev.parley.testing.TestRooms;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The project's own hostile campaign (docs/security.md): every class of bad input a client can send, generated,
 * against one server with its default limits, while a member posts and a watcher follows the room. Every client
 * mistake must be a 4xx in Parley's words (never a 5xx, never HTML under /api, never internals), nothing may hang,
 * no token may show in any answer or log, the server stays ready, and the watcher misses nothing. Each request
 * comes from its own address (through a trusted proxy's X-Forwarded-For), so the limits per client meet only the
 * floods, which are sent from one address on purpose.
 */
@ParleyIT(value = "campaign", settings = "parley.clients.trusted-proxies=127.0.0.1", clientLimits = true)
class HostileCampaignIT {

    private static final Duration ANSWER = Duration.ofSeconds(10);
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final AtomicInteger clients = new AtomicInteger();
    private final Map<String, Integer> statuses = new TreeMap<>();
    private final List<String> findings = new ArrayList<>();
    private int sent;

    private Api api;
    private RawHttp http;
    private String root;
    private String host;
    private String room;
    private String token;

    @Test
    void noClientMistakeMeetsTheContainerAndNobodyElseNoticesTheCampaign(Api api, TestRooms rooms) throws Exception {
        this.api = api;
        http = new RawHttp(api.base());
        root = api.base().getPath().replaceAll("/$", "");
        host = http.hostHeader();
        room = rooms.next();
        Api.Member poster = api.join(room, "steady");
        token = api.join(room, "target").token();

        int messages = 60;
        try (EventReader watcher = EventReader.open(api.uri("api/rooms/" + room + "/events"))) {
            watcher.awaitRetry(WAIT);
            // a member talks all through the campaign, slowly enough for its own rate limit
            CompletableFuture<Void> talk = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < messages; i++) {
                    api.say(poster, "steady " + i);
                    try {
                        Thread.sleep(1100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });

            truncatedAndMutatedBodies();
            framingAndHeaders();
            pathsAndMethods();
            contentTypes();
            floods();

            talk.get(3, TimeUnit.MINUTES);
            List<String> texts = watcher.awaitCount(messages, WAIT).stream()
                    .filter(e -> e.type().equals("usermessage") && e.data().contains("steady "))
                    .map(e -> ((JsonObject) Api.parse(e.data())).getString("text")).toList();
            List<String> expected = Stream.iterate(0, i -> i + 1).limit(messages).map(i -> "steady " + i).toList();
            assertEquals(expected, texts, "the watcher missed nothing, in order");
        }
        assertEquals(200, api.getServer("health/ready").statusCode(), "still ready");
        assertEquals(200, api.getServer("health/live").statusCode(), "still live");
        logsHoldNoToken();
        System.out.printf("hostile campaign: %d requests, statuses %s, findings %d%n", sent, statuses, findings.size());
        assertTrue(findings.isEmpty(), String.join("\n", findings));
    }

    /** Each valid body cut at every length, and each of its values replaced by every other JSON type. */
    private void truncatedAndMutatedBodies() {
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("/api/rooms/" + room + "/members", "{\"username\":\"fuzz\"}");
        endpoints.put("/api/rooms/" + room + "/messages", "{\"text\":\"fuzz\"}");
        endpoints.forEach((path, body) -> {
            for (int cut = 0; cut < body.length(); cut++) {
                expect(post(path, body.substring(0, cut)), path + " cut at " + cut, 400);
            }
            String key = body.substring(2, body.indexOf('"', 2));
            for (String value : List.of("42", "-1e999", "true", "null", "[]", "{}", "[\"fuzz\"]", "{\"a\":{\"b\":[1]}}")) {
                expect(post(path, "{\"" + key + "\":" + value + "}"), path + " " + key + "=" + value, 400);
            }
            expect(post(path, body.replace("}", ",\"admin\":true}")), path + " unknown property", 400);
            expect(post(path, body.replace("}", ",\"" + key + "\":\"again\"}")), path + " duplicate key", 400);
            expect(post(path, "[".repeat(3000) + "]".repeat(3000)), path + " deep nesting", 400);
            expect(post(path, "{\"" + key + "\":\"\\ud800\"}"), path + " lone surrogate", 400);
            expect(send(head("POST", path) + "Content-Type: application/json\r\nContent-Length: 16\r\n\r\n",
                    new byte[] {'{', '"', (byte) 0xC0, (byte) 0xAF, '"', ':', '1', '}', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' '}),
                    path + " invalid UTF-8", 400);
            expect(post(path, body + " " + body), path + " two objects", 400);
            expect(post(path, ""), path + " empty", 400);
        });
    }

    private void framingAndHeaders() {
        String path = "/api/rooms/" + room + "/members";
        String body = "{\"username\":\"frame\"}";
        String json = "Content-Type: application/json\r\n";
        for (String framing : List.of(
                "Content-Length: 20\r\nContent-Length: 20\r\n",
                "Content-Length: 20\r\nTransfer-Encoding: chunked\r\n",
                "Transfer-Encoding: chunked\r\n",
                "Transfer-Encoding: gzip, chunked\r\n",
                "Transfer-Encoding: identity\r\n",
                "Content-Length: 99999999999999999999\r\n",
                "Content-Length: 1e3\r\n",
                "")) {
            expectClient(send(head("POST", path) + json + framing + "\r\n", body.getBytes(StandardCharsets.UTF_8)),
                    "framing " + framing.strip());
        }
        expectClient(raw("GET " + root + "/api/rooms HTTP/1.1\r\nConnection: close\r\n\r\n"), "no Host");
        for (String badHost : List.of("a b", "[::1", "%%%", "x:0", "x:65536", "x..y", "-x", "\u00e9.example")) {
            expectClient(raw("GET " + root + "/api/rooms HTTP/1.1\r\nHost: " + badHost + "\r\nConnection: close\r\n\r\n"),
                    "Host " + badHost);
        }
        expectClient(raw("GET " + root + "/api/rooms HTTP/1.9\r\nHost: " + host + "\r\nConnection: close\r\n\r\n"),
                "HTTP/1.9");
        expectClient(raw(head("GET", "/api/rooms") + "X-Long: " + "a".repeat(9000) + "\r\n\r\n"), "a 9 KB header");
        StringBuilder many = new StringBuilder(head("GET", "/api/rooms"));
        for (int i = 0; i < 120; i++) {
            many.append("X-H").append(i).append(": v\r\n");
        }
        expectClient(raw(many.append("\r\n").toString()), "120 headers");
        expectClient(raw(head("GET", "/api/rooms") + "X-Bad: a\u0001b\r\n\r\n"), "a control character in a header");
        expectClient(raw(head("GET", "/api/rooms") + "Accept: application/\r\n\r\n"), "a broken Accept");
        expectClient(send(head("POST", "/api/rooms/" + room + "/messages") + "Authorization: Bearer " + token
                + "x\r\nContent-Type: application/json\r\nContent-Length: 12\r\n\r\n", "{\"text\":\"x\"}".getBytes(StandardCharsets.UTF_8)),
                "a forged token");
        expectClient(raw(head("GET", "/api/rooms/" + room + "/events?token=" + token + "%00") + "\r\n"), "a token with NUL");
        try (EventReader odd = EventReader.open(api.uri("api/rooms/" + room + "/events"),
                Map.of("Last-Event-ID", "9".repeat(5000), "X-Forwarded-For", "203.0.113.200"))) {
            expectStatus(odd.status(), "a 5000-digit Last-Event-ID", 200);
            odd.await(e -> e.type().equals("resync"), ANSWER, "a resync for an id that is no id");
        }
        expectClient(raw(head("GET", "/api/rooms/" + room + "/messages?before=" + "9".repeat(3000) + "&limit=5") + "\r\n"),
                "a huge before id");
    }

    private void pathsAndMethods() {
        for (String path : List.of("/api/rooms/%C0%AF/members", "/api/rooms/a%2Fb/members", "/api/rooms/a%5Cb/events",
                "/api/rooms/./members", "/api//rooms", "/api/rooms/" + "a".repeat(3000), "/api/rooms/UPPER/members",
                "/api/nothing", "/WEB-INF/web.xml", "/META-INF/MANIFEST.MF", "/no-such-page", "/js/../WEB-INF/web.xml",
                "/api/rooms/" + room + "/messages?limit=-1", "/api/rooms/" + room + "/messages?limit=999999999999")) {
            expectClient(raw(head("GET", path) + "Accept: application/json\r\n\r\n"), "GET " + path);
        }
        for (String method : List.of("TRACE", "PROPFIND", "FOO", "CONNECT", "PATCH", "PUT")) {
            expectClient(raw(head(method, "/api/rooms") + "Content-Length: 0\r\n\r\n"), method + " /api/rooms");
            // Liberty refuses TRACE on / itself, with 403 and a neutral text
            expect(raw(head(method, "/") + "Content-Length: 0\r\n\r\n"), method + " /", 403, 405, 400);
        }
        // Liberty reads a method in any case as its upper case: "get" is a GET
        expect(raw(head("get", "/api/rooms") + "\r\n"), "get /api/rooms", 200);
        expect(raw(head("OPTIONS", "/api/rooms") + "\r\n"), "OPTIONS /api/rooms", 200, 204);
        expect(raw(head("HEAD", "/") + "\r\n"), "HEAD /", 200);
    }

    private void contentTypes() {
        String path = "/api/rooms/" + room + "/members";
        byte[] body = "{\"username\":\"typed\"}".getBytes(StandardCharsets.UTF_8);
        for (String type : List.of("*/*", "text/plain", "application/json;charset=latin1", "application/",
                "application/json; charset=nope-xx", "multipart/form-data; boundary=x", ";;;=", "a".repeat(5000))) {
            expectClient(send(head("POST", path) + "Content-Type: " + type + "\r\nContent-Length: " + body.length
                    + "\r\n\r\n", body), "Content-Type " + (type.length() > 40 ? type.substring(0, 40) + "…" : type));
        }
    }

    /** From one address: joins, posts and streams beyond that address's limits are refused, plainly. */
    private void floods() {
        String flooder = "198.51.100.99";
        for (int i = 0; i < 60; i++) {
            expect(send(head("POST", "/api/rooms/flood-" + (i % 30) + "/members", flooder)
                    + "Content-Type: application/json\r\nContent-Length: " + ("{\"username\":\"f" + i + "\"}").length()
                    + "\r\n\r\n", ("{\"username\":\"f" + i + "\"}").getBytes(StandardCharsets.UTF_8)), "join flood " + i,
                    201, 429);
        }
        List<EventReader> streams = new ArrayList<>();
        try {
            int refused = 0;
            for (int i = 0; i < 30; i++) {
                EventReader stream = EventReader.open(api.uri("api/rooms/" + room + "/events"),
                        Map.of("X-Forwarded-For", flooder));
                streams.add(stream);
                expectStatus(stream.status(), "stream flood " + i, 200, 429);
                refused += stream.status() == 429 ? 1 : 0;
            }
            assertTrue(refused > 0, "one address cannot open 30 streams");
        } finally {
            streams.forEach(EventReader::close);
        }
    }

    private String head(String method, String path) {
        return head(method, path, "203.0.113." + (clients.incrementAndGet() % 250 + 1));
    }

    private String head(String method, String path, String client) {
        return method + " " + root + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\nX-Forwarded-For: "
                + client + "\r\n";
    }

    private Response post(String path, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return send(head("POST", path) + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + bytes.length + "\r\n\r\n", bytes);
    }

    private Response raw(String request) {
        return send(request, new byte[0]);
    }

    private Response send(String head, byte[] body) {
        byte[] request = new byte[head.length() + body.length];
        byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        sent++;
        try {
            return http.send(request, ANSWER);
        } catch (UncheckedIOException e) {
            return new Response(0, Map.of(), "", "");
        }
    }

    private void expectClient(Response response, String what) {
        expect(response, what, 400, 401, 404, 405, 406, 408, 409, 411, 413, 414, 415, 429, 431);
    }

    private void expect(Response response, String what, int... fine) {
        statuses.merge(response.status() <= 0 ? "no answer" : Integer.toString(response.status()), 1, Integer::sum);
        expectStatus(response.status(), what, fine);
        String path = what.startsWith("/api") || what.contains(" /api") ? "api" : "";
        if (!path.isEmpty() && response.contentType().startsWith("text/html")) {
            findings.add(what + ": HTML under /api");
        }
        if (HttpEdgeIT.LEAK.matcher(response.raw()).find()) {
            findings.add(what + ": internals in the answer: " + abbreviate(response.raw()));
        }
        if (token != null && response.raw().contains(token)) {
            findings.add(what + ": the token echoed");
        }
    }

    private void expectStatus(int status, String what, int... fine) {
        if (status == -1) {
            findings.add(what + ": no answer within " + ANSWER.toSeconds() + " s");
            return;
        }
        for (int ok : fine) {
            if (status == ok) {
                return;
            }
        }
        findings.add(what + ": status " + status);
    }

    private void logsHoldNoToken() throws IOException {
        Path logs = Path.of(System.getProperty("liberty.wlp.home"), "usr", "servers",
                System.getProperty("liberty.server.name"), "logs");
        try (Stream<Path> files = Files.walk(logs)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file, StandardCharsets.ISO_8859_1);
                if (text.contains(token)) {
                    findings.add("the token in " + file.getFileName());
                }
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
