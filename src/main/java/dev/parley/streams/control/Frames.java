package dev.parley.streams.control;

import dev.parley.chat.ChatEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.List;

/** Encodes chat events as SSE frames; one JSON-B instance for the application, as it is costly to build. */
@ApplicationScoped
public class Frames {

    private final Jsonb jsonb = JsonbBuilder.create();

    public Frame of(ChatEvent event) {
        return Frame.of(event, jsonb);
    }

    public List<Frame> of(List<ChatEvent> events) {
        return events.stream().map(this::of).toList();
    }

    @PreDestroy
    void close() {
        try {
            jsonb.close();
        } catch (Exception e) {
            // nothing is left to release
        }
    }
}
