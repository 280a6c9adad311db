package dev.parley.http;

import dev.parley.problems.ProblemException;
import dev.parley.problems.Problems;
import jakarta.annotation.Nullable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.io.InputStreamReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads every inbound JSON body of Parley's into its record, strictly: the body must be one JSON object whose
 * properties are exactly the record's components, each of the component's JSON type. JSON-B would coerce
 * {@code 42} into {@code "42"} and skip unknown properties, and its skipping loops forever on a truncated body
 * (eclipse-ee4j/parsson#23), so no request body ever reaches JSON-B.
 *
 * <p>The body is parsed by JSON-P's parser, which ends at the end of its input (a truncated body is a parse
 * error) and refuses nesting deeper than its limit; UTF-8 is decoded strictly and a duplicate key is refused. Components are {@code String}, {@code int} or {@code boolean}; one marked {@link Nullable} may be
 * absent or null, every other one is required.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class StrictJson implements MessageBodyReader<Record> {

    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    private final HttpLimits limits;

    @Inject
    public StrictJson(HttpLimits limits) {
        this.limits = limits;
    }

    public StrictJson() {
        // for the CDI client proxy, and for JAX-RS, which looks for a public constructor
        this(null);
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.isRecord() && type.getPackageName().startsWith("dev.parley.");
    }

    @Override
    public Record readFrom(Class<Record> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> httpHeaders, InputStream entity) {
        byte[] body = read(entity, limits.maxBodyBytes());
        String declared = httpHeaders.getFirst(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && body.length < Long.parseLong(declared.strip())) {
            // Liberty ends the body early when a read of it waits longer than http.read.timeout
            throw Problems.bodyTimeout();
        }
        return bind(type, parse(new ByteArrayInputStream(body)));
    }

    /**
     * The whole body, before any of it is parsed: at most {@code max} bytes (413 beyond), and within Liberty's read
     * timeout ({@code http.read.timeout}: a body that trickles is refused with 408 once a read waits that long).
     */
    static byte[] read(InputStream entity, long max) {
        try {
            byte[] body = entity.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (body.length > max) {
                throw Problems.tooLarge(max);
            }
            return body;
        } catch (IOException e) {
            // Liberty's channel says so in its own exception types: a timeout is named as one
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof SocketTimeoutException || String.valueOf(cause.getMessage()).contains("timed out")) {
                    throw Problems.bodyTimeout();
                }
            }
            throw Problems.badRequest("unreadable-body", "The request body could not be read to its end.");
        }
    }

    /**
     * The body's one JSON object, its properties in order, or a 400 problem. Read event by event, so a duplicate
     * key is noticed and nothing follows the object; nested values are read whole with {@code getValue}, never
     * skipped (skipping is what loops on truncated input).
     */
    static Map<String, JsonValue> parse(InputStream entity) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (JsonParser parser = PARSERS.createParser(new InputStreamReader(entity, decoder))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw Problems.badRequest("invalid-body", "The body must be a JSON object.");
            }
            Map<String, JsonValue> properties = new LinkedHashMap<>();
            for (JsonParser.Event event = parser.next(); event != JsonParser.Event.END_OBJECT; event = parser.next()) {
                String key = parser.getString();
                parser.next();
                if (properties.put(key, parser.getValue()) != null) {
                    throw Problems.badRequest("malformed-json", "The body has the same property twice.");
                }
            }
            if (parser.hasNext()) {
                throw Problems.badRequest("invalid-body", "The body must be one JSON object, with nothing after it.");
            }
            return properties;
        } catch (ProblemException e) {
            // ours, or the body limit's while reading
            throw e;
        } catch (RuntimeException e) {
            // JsonParsingException (truncated or not JSON), JsonException (bad UTF-8), the parser's depth limit
            throw Problems.badRequest("malformed-json", "The body is not well-formed JSON in UTF-8.");
        }
    }

    static <T extends Record> T bind(Class<T> type, Map<String, JsonValue> object) {
        RecordComponent[] components = type.getRecordComponents();
        for (String key : object.keySet()) {
            if (Arrays.stream(components).noneMatch(component -> component.getName().equals(key))) {
                // the key is not echoed: it is the client's text, of any length
                throw Problems.badRequest("unknown-property",
                        "The body has a property this endpoint does not take; it takes " + names(components) + ".");
            }
        }
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = value(components[i], object.get(components[i].getName()));
            types[i] = components[i].getType();
        }
        try {
            Constructor<T> constructor = type.getDeclaredConstructor(types);
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException refused) {
                throw refused;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("a record always has its canonical constructor", e);
        }
    }

    private static Object value(RecordComponent component, JsonValue value) {
        String name = component.getName();
        Class<?> type = component.getType();
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            if (component.isAnnotationPresent(Nullable.class) && !type.isPrimitive()) {
                return null;
            }
            throw Problems.badRequest("invalid-body", name + " is required (" + article(type) + ").");
        }
        if (type == String.class) {
            if (value instanceof JsonString string) {
                return string.getString();
            }
        } else if (type == int.class || type == Integer.class) {
            if (value instanceof JsonNumber number) {
                return whole(name, number);
            }
        } else if (type == boolean.class || type == Boolean.class) {
            if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
                return value == JsonValue.TRUE;
            }
        } else {
            throw new IllegalStateException(component + " has a type bodies cannot carry");
        }
        throw Problems.badRequest("invalid-body", name + " must be " + article(type) + ", not " + kind(value) + ".");
    }

    /** A whole number in int range; compared as a BigDecimal first, so {@code 1e999999999} costs nothing. */
    private static int whole(String name, JsonNumber number) {
        BigDecimal decimal = number.bigDecimalValue();
        if (!number.isIntegral() || decimal.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0
                || decimal.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0) {
            throw Problems.badRequest("invalid-body", name + " must be a whole number from "
                    + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ".");
        }
        return decimal.intValueExact();
    }

    private static String article(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        return type == boolean.class || type == Boolean.class ? "true or false" : "a whole number";
    }

    private static String kind(JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case TRUE, FALSE -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
        };
    }

    private static String names(RecordComponent[] components) {
        return Arrays.stream(components).map(component -> '"' + component.getName() + '"')
                .collect(Collectors.joining(", "));
    }
}
