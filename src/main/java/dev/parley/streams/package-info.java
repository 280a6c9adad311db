/**
 * The event streams: {@code GET …/events} opens one with a single call ({@code Streams.open}: authenticate,
 * register with the room's {@link jakarta.ws.rs.sse.SseBroadcaster}, replay, go live, mark the member present).
 * Each stream has a bounded backlog; only the writer threads here touch client sockets, so a client that stops
 * reading delays nobody and is dropped once over its bound, and a quiet stream is probed so that a closed one is
 * noticed (docs/streams.md). No room rules live here: streams receive {@code ChatEvent}s and write them.
 */
package dev.parley.streams;
