/**
 * The event streams: {@code GET …/events} registers an {@link jakarta.ws.rs.sse.SseEventSink} with its room,
 * replays history, then relays live events. Each stream has a bounded
 * backlog; only the writer threads here touch client sockets, so a client that stops reading delays nobody and
 * is dropped once over its bound. No room rules live here: streams receive {@code ChatEvent}s and write them.
 */
package dev.parley.streams;
