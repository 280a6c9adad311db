/**
 * Parley: real-time chat on Server-Sent Events. Each package is one feature; inside a feature, {@code boundary}
 * (what the outside touches: resources, health checks, mappers) calls {@code control} (the logic), which uses
 * {@code entity} (records). Who may call whom, and never the reverse:
 *
 * <pre>
 *   streams ──► rooms ──► backplane ──► chat
 *      │          ├──► security (who a request is)
 *      │          │           │
 *      └──────────┴───────────┴──► http (the edge; boundaries ask it the client's address)
 *                                  problems, platform
 *   http, security ──► problems, platform
 *   health ──► backplane
 * </pre>
 *
 * <ul>
 *   <li>{@code chat}: the vocabulary every feature speaks (events, members, names); depends on nothing.</li>
 *   <li>{@code backplane}: where room state lives and how events travel between servers; knows no HTTP.</li>
 *   <li>{@code rooms}: the rules (joining, posting, presence, rate limits, moderation); never touches a stream or
 *       {@code Sse}.</li>
 *   <li>{@code security}: who a request is (Jakarta Security: the registry's users, a host's JWTs) and the
 *       refusals of {@code @RolesAllowed}; decides no rule of a room.</li>
 *   <li>{@code http}: the edge every request crosses first (framing, media types, strict bodies, the client's
 *       address); knows no room.</li>
 *   <li>{@code streams}: writes events to clients; holds no room rule, asks {@code rooms} to open a stream.</li>
 *   <li>{@code problems}: every refusal as {@code application/problem+json}; the only place HTTP statuses are
 *       decided, apart from the boundaries that map a feature's own exceptions.</li>
 *   <li>{@code platform}: what Liberty provides (threads, schedulers, configuration, the clock).</li>
 * </ul>
 * A new feature goes beside these, depending on what it needs, with nothing depending back on it.
 */
package dev.parley;
