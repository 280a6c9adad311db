package dev.parley.platform;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.List;

/**
 * A trace's context as it travels with a message (in memory, and through Redis in its stream entry): the W3C
 * {@code traceparent} of the span that posted it, so the fan-out on any server is a span of the same trace. With the
 * OpenTelemetry SDK off (MicroProfile Telemetry's default, {@code otel.sdk.disabled=true}) there is no current span
 * and nothing travels.
 */
public final class Traces {

    private static final TextMapGetter<String> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of("traceparent");
        }

        @Override
        public String get(String carrier, String key) {
            return "traceparent".equals(key) ? carrier : null;
        }
    };

    private Traces() {
    }

    /** The {@code traceparent} of the span current on this thread, or null when none is recorded. */
    public static String current() {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid() || !span.isSampled()) {
            return null;
        }
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
    }

    /** The context whose parent is the span of this {@code traceparent}. */
    public static Context parent(String traceparent) {
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, GETTER);
    }
}
