package dev.parley.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A plain HTTP client for the contract's JSON endpoints, and its event streams as {@link EventReader}s. */
public final class Api {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;

    public Api(URI base) {
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
    }

    public Api(URL base) {
        this(URI.create(base.toString()));
    }

    /** The application's base, as the deployment serves it. */
    public URI base() {
        return base;
    }

    public URI uri(String path) {
        return base.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    /** The server's root, where /health, /metrics and /openapi live. */
    public URI server(String path) {
        return base.resolve("/").resolve(path);
    }

    public record Member(String room, String username, String token) {
    }

    /** A login of the test server's registry: its moderator or admin (system properties set by the build). */
    public record Login(String user, String password) {

        public static Login moderator() {
            return new Login(System.getProperty("test.moderator.user"), System.getProperty("test.moderator.password"));
        }

        public static Login admin() {
            return new Login(System.getProperty("test.admin.user"), System.getProperty("test.admin.password"));
        }

        public String basic() {
            return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** A request to an API path with the login's Basic credentials. */
    public HttpRequest.Builder as(Login login, String path) {
        return request(path).header("Authorization", login.basic());
    }

    /** A JSON body for a request. */
    public static HttpRequest.BodyPublisher json(String json) {
        return HttpRequest.BodyPublishers.ofString(json);
    }

    public Member join(String room, String username) {
        HttpResponse<String> response = send(request("api/rooms/" + room + "/members")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("username", username).build().toString())));
        if (response.statusCode() != 201) {
            throw new AssertionError("join " + username + " got " + response.statusCode() + ": " + response.body());
        }
        JsonObject joined = object(response);
        return new Member(joined.getString("room"), joined.getString("username"), joined.getString("token"));
    }

    public HttpResponse<String> post(Member member, String text) {
        return send(request("api/rooms/" + member.room() + "/messages")
                .header("Authorization", "Bearer " + member.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("text", text).build().toString())));
    }

    /** Posts with an Idempotency-Key (sent as given: quote it for the structured-field form). */
    public HttpResponse<String> post(Member member, String text, String idempotencyKey) {
        return send(request("api/rooms/" + member.room() + "/messages")
                .header("Authorization", "Bearer " + member.token())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("text", text).build().toString())));
    }

    public HttpResponse<String> edit(Member member, String id, String text) {
        return send(request("api/rooms/" + member.room() + "/messages/" + id)
                .header("Authorization", "Bearer " + member.token())
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(
                        Json.createObjectBuilder().add("text", text).build().toString())));
    }

    public HttpResponse<String> delete(Member member, String id) {
        return send(request("api/rooms/" + member.room() + "/messages/" + id)
                .header("Authorization", "Bearer " + member.token()).DELETE());
    }

    public HttpResponse<String> typing(Member member) {
        return send(request("api/rooms/" + member.room() + "/typing")
                .header("Authorization", "Bearer " + member.token()).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** Posts and returns the event the server answered with. */
    public JsonObject say(Member member, String text) {
        HttpResponse<String> response = post(member, text);
        if (response.statusCode() != 201) {
            throw new AssertionError("post got " + response.statusCode() + ": " + response.body());
        }
        return object(response);
    }

    /** Says "m1", "m2" … up to "m{count}", in order: a history to replay, page or resume through. Returns the texts. */
    public List<String> sayMany(Member member, int count) {
        List<String> said = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            say(member, "m" + i);
            said.add("m" + i);
        }
        return said;
    }

    /** The room's event stream as a watcher (no member), which must be accepted: else fails with the server's answer. */
    public EventReader watch(String room) {
        return watch(room, Map.of());
    }

    /** The room's event stream as a watcher, with these request headers; it must be accepted. */
    public EventReader watch(String room, Map<String, String> headers) {
        return accepted(EventReader.open(uri("api/rooms/" + room + "/events"), headers));
    }

    /** This many watchers' streams of the room, each of which must be accepted (on a refusal, those open are closed). */
    public List<EventReader> watchers(String room, int count, Map<String, String> headers) {
        List<EventReader> open = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                open.add(watch(room, headers));
            }
            return open;
        } catch (RuntimeException | AssertionError e) {
            open.forEach(EventReader::close);
            throw e;
        }
    }

    public List<EventReader> watchers(String room, int count) {
        return watchers(room, count, Map.of());
    }

    /** A member's event stream (its token in the query), which must be accepted: else fails with the server's answer. */
    public EventReader stream(Member member) {
        return accepted(EventReader.open(uri("api/rooms/" + member.room() + "/events?token=" + member.token())));
    }

    private static EventReader accepted(EventReader reader) {
        assertEquals(200, reader.status(), reader::errorBody);
        return reader;
    }

    public HttpResponse<String> leave(Member member) {
        return send(request("api/rooms/" + member.room() + "/members/me")
                .header("Authorization", "Bearer " + member.token()).DELETE());
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    /** GET from the server's root: /health, /metrics, /openapi. */
    public HttpResponse<String> getServer(String path) {
        return send(HttpRequest.newBuilder(server(path)).timeout(Duration.ofSeconds(30)).GET());
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonObject object(HttpResponse<String> response) {
        return (JsonObject) parse(response.body());
    }

    public static JsonArray array(HttpResponse<String> response) {
        return (JsonArray) parse(response.body());
    }

    public static JsonStructure parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.read();
        }
    }
}
