package dev.parley.streams.boundary;

import dev.parley.http.Clients;
import dev.parley.problems.Problem;
import dev.parley.rooms.boundary.StreamCookie;
import dev.parley.rooms.control.Tokens;
import dev.parley.rooms.entity.RoomName;
import dev.parley.streams.control.Streams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("rooms/{room}/events")
@ApplicationScoped
@Tag(name = "events", description = "The room's live event stream")
public class EventsResource {

    private final Streams streams;

    @Inject
    public EventsResource(Streams streams) {
        this.streams = streams;
    }

    public EventsResource() {
        // for the CDI client proxy, and for JAX-RS, which looks for a public constructor
        this(null);
    }

    /**
     * The request is suspended, and its response handed to a stream written by Parley's writer threads:
     * see {@link Streams}.
     */
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "The room's events: retry, replay (or resync), then live events, with a keepalive comment "
            + "when idle. Without a token: a watcher, not a member.",
            description = "Named events: userconnect, usermessage, userdisconnect, messageedit, messagedelete (each "
                    + "with an id: line, kept in history and replayed), usertyping (no id: line, never replayed) and "
                    + "resync. Clients must ignore names they do not know. docs/API.md gives the folding rule.")
    @APIResponse(responseCode = "200", description = "An event stream",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type =
                    org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING), examples = {
                    @ExampleObject(name = "userconnect", value = "id: 1795255536451258\nevent: userconnect\n"
                            + "data: {\"id\":\"1795255536451258\",\"username\":\"bobby\",\"time\":\"2026-11-21T02:33:48.123Z\"}\n\n"),
                    @ExampleObject(name = "usermessage", value = "id: 1795255536451259\nevent: usermessage\n"
                            + "data: {\"id\":\"1795255536451259\",\"username\":\"bobby\",\"time\":\"2026-11-21T02:33:49.001Z\","
                            + "\"text\":\"Hi everyone.\"}\n\n"),
                    @ExampleObject(name = "userdisconnect", value = "id: 1795255536451260\nevent: userdisconnect\n"
                            + "data: {\"id\":\"1795255536451260\",\"username\":\"bobby\",\"time\":\"2026-11-21T02:40:00.000Z\"}\n\n"),
                    @ExampleObject(name = "messageedit", value = "id: 1795255536451261\nevent: messageedit\n"
                            + "data: {\"id\":\"1795255536451261\",\"username\":\"bobby\",\"time\":\"2026-11-21T02:34:10.500Z\","
                            + "\"message\":\"1795255536451259\",\"text\":\"Hi, everyone.\"}\n\n"),
                    @ExampleObject(name = "messagedelete", value = "id: 1795255536451262\nevent: messagedelete\n"
                            + "data: {\"id\":\"1795255536451262\",\"username\":\"bobby\",\"time\":\"2026-11-21T02:35:00.000Z\","
                            + "\"message\":\"1795255536451259\"}\n\n"),
                    @ExampleObject(name = "usertyping", value = "event: usertyping\n"
                            + "data: {\"username\":\"bobby\",\"time\":\"2026-11-21T02:34:05.000Z\"}\n\n"),
                    @ExampleObject(name = "resync", value = "event: resync\ndata: {\"reason\":\"history-truncated\"}\n\n")}))
    @APIResponse(responseCode = "400", description = "Bad room name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "The token is not valid for this room",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Server full; see Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void events(@PathParam("room") @RoomName String room,
                       @Parameter(description = "the last id received; sent by EventSource when it reconnects")
                       @HeaderParam(HttpHeaders.LAST_EVENT_ID_HEADER) String lastEventId,
                       @Parameter(description = "the last id received, for a first connect")
                       @QueryParam("lastEventId") String firstLastEventId,
                       @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                       @Parameter(description = "the member's token, for API clients that cannot send headers")
                       @QueryParam("token") String token,
                       @Parameter(hidden = true) @CookieParam(StreamCookie.NAME) String cookie,
                       @Context HttpServletRequest request,
                       @Context Sse sse,
                       @Suspended AsyncResponse suspended) {
        streams.open(room, Tokens.presented(authorization, token).or(() -> Optional.ofNullable(cookie)),
                lastEventId != null ? lastEventId : firstLastEventId, Clients.of(request), request.getAsyncContext(), sse);
    }
}
