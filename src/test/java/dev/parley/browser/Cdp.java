package dev.parley.browser;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A Chrome DevTools Protocol session of its own on the page a ChromeDriver shows, over the browser's debugging
 * WebSocket. ChromeDriver's {@code executeCdpCommand} sends commands but hands no events back, and a test that fails
 * a response needs {@code Fetch.requestPaused}; Selenium's DevTools classes are tied to older Chrome versions.
 */
public final class Cdp implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonObject>> waiting = new ConcurrentHashMap<>();
    private final Map<String, List<Consumer<JsonObject>>> handlers = new ConcurrentHashMap<>();
    // events are handled off the socket's thread: a handler sends commands, whose answers that thread delivers
    private final ExecutorService events = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cdp-events");
        thread.setDaemon(true);
        return thread;
    });

    private Cdp(WebSocket.Builder builder, URI target) {
        this.socket = builder.buildAsync(target, new Listener()).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /** Attaches to the page the driver shows now. */
    @SuppressWarnings("unchecked")
    public static Cdp attach(ChromeDriver driver) {
        Map<String, Object> options = (Map<String, Object>) driver.getCapabilities().getCapability("goog:chromeOptions");
        String address = String.valueOf(options.get("debuggerAddress"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        JsonArray targets;
        try {
            String body = http.send(HttpRequest.newBuilder(URI.create("http://" + address + "/json/list")).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            targets = Json.createReader(new StringReader(body)).readArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        String url = driver.getCurrentUrl();
        JsonObject page = targets.stream().map(JsonValue::asJsonObject)
                .filter(target -> "page".equals(target.getString("type", "")) && url.equals(target.getString("url", "")))
                .findFirst().orElseThrow(() -> new AssertionError("no DevTools target shows " + url + ": " + targets));
        return new Cdp(http.newWebSocketBuilder(), URI.create(page.getString("webSocketDebuggerUrl")));
    }

    /** Sends a command and waits for its result. */
    public JsonObject send(String method, JsonObject params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonObject> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        String message = Json.createObjectBuilder().add("id", id).add("method", method).add("params", params).build().toString();
        synchronized (socket) {
            socket.sendText(message, true).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
        }
        JsonObject response = answer.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
        if (response.containsKey("error")) {
            throw new AssertionError(method + " failed: " + response.get("error"));
        }
        return response.getJsonObject("result");
    }

    public void on(String event, Consumer<JsonObject> handler) {
        handlers.computeIfAbsent(event, name -> new CopyOnWriteArrayList<>()).add(handler);
    }

    /**
     * Fails, as a connection reset, the answers to the next {@code count} requests of this method to URLs ending in
     * {@code suffix}, after the server has answered them (the response stage): the server did the work, the page never
     * hears of it. Every such request, failed or let through, is recorded with its headers.
     */
    public LostAnswers loseAnswers(String method, String suffix, int count) {
        LostAnswers lost = new LostAnswers(count);
        on("Fetch.requestPaused", paused -> {
            JsonObject request = paused.getJsonObject("request");
            String requestId = paused.getString("requestId");
            JsonObject id = Json.createObjectBuilder().add("requestId", requestId).build();
            if (!method.equals(request.getString("method")) || !request.getString("url").endsWith(suffix)) {
                send("Fetch.continueRequest", id);
                return;
            }
            lost.requests.add(request.getJsonObject("headers"));
            if (lost.remaining.getAndDecrement() > 0) {
                send("Fetch.failRequest", Json.createObjectBuilder().add("requestId", requestId)
                        .add("errorReason", "ConnectionReset").build());
            } else {
                send("Fetch.continueRequest", id);
            }
        });
        send("Fetch.enable", Json.createObjectBuilder().add("patterns", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("urlPattern", "*" + suffix).add("requestStage", "Response"))).build());
        return lost;
    }

    /** The requests {@link #loseAnswers} saw, by their headers. */
    public static final class LostAnswers {
        private final AtomicInteger remaining;
        private final List<JsonObject> requests = new CopyOnWriteArrayList<>();

        private LostAnswers(int count) {
            remaining = new AtomicInteger(count);
        }

        public List<JsonObject> requests() {
            return List.copyOf(requests);
        }

        /** One header of each request seen, in order (names as the page wrote them, compared case-insensitively). */
        public List<String> header(String name) {
            return requests.stream().map(headers -> headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> ((jakarta.json.JsonString) entry.getValue()).getString())
                    .findFirst().orElse(null)).toList();
        }
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
        } catch (RuntimeException e) {
            socket.abort();
        } finally {
            events.shutdownNow();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonObject message = Json.createReader(new StringReader(partial.toString())).readObject();
                partial.setLength(0);
                if (message.containsKey("id")) {
                    CompletableFuture<JsonObject> answer = waiting.remove(message.getInt("id"));
                    if (answer != null) {
                        answer.complete(message);
                    }
                } else {
                    String method = message.getString("method", "");
                    JsonObject params = message.containsKey("params") ? message.getJsonObject("params") : JsonValue.EMPTY_JSON_OBJECT;
                    for (Consumer<JsonObject> handler : handlers.getOrDefault(method, List.of())) {
                        events.execute(() -> handler.accept(params));
                    }
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
