package dev.parley.rooms.boundary;

import dev.parley.backplane.control.Messages;
import dev.parley.http.Clients;
import dev.parley.problems.Problem;
import dev.parley.security.control.Roles;
import dev.parley.rooms.control.ChatRooms;
import dev.parley.rooms.control.Moderation;
import dev.parley.rooms.control.Tokens;
import dev.parley.chat.ChatEvent;
import dev.parley.rooms.entity.Join;
import dev.parley.rooms.entity.Joined;
import dev.parley.chat.MemberSummary;
import dev.parley.rooms.entity.Post;
import dev.parley.rooms.entity.RoomName;
import dev.parley.chat.RoomSummary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("rooms")
@ApplicationScoped
@Tag(name = "rooms", description = "Rooms, their members and their messages")
@SecurityScheme(securitySchemeName = "token", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The token returned by joining the room (with parley.auth=jwt: the host application's JWT)")
@SecurityScheme(securitySchemeName = "moderator", type = SecuritySchemeType.HTTP, scheme = "basic",
        description = "A moderator's (or admin's) user name and password, from PARLEY_MODERATOR_USER and "
                + "PARLEY_MODERATOR_PASSWORD; with parley.auth=jwt, also a JWT with the moderator group as bearer")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", description = "Bad room name or request",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class RoomsResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final ChatRooms rooms;
    private final Moderation moderation;

    @Inject
    public RoomsResource(ChatRooms rooms, Moderation moderation) {
        this.rooms = rooms;
        this.moderation = moderation;
    }

    public RoomsResource() {
        // for the CDI client proxy, and for JAX-RS, which looks for a public constructor
        this(null, null);
    }

    @GET
    @Operation(summary = "Rooms with their connected-member counts")
    @APIResponse(responseCode = "200", description = "The rooms, by name",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RoomSummary[].class)))
    public List<RoomSummary> rooms() {
        return rooms.rooms();
    }

    @POST
    @Path("{room}/members")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Join: reserve a name in the room and receive its secret token, shown only now")
    @APIResponse(responseCode = "201", description = "Joined",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Joined.class)))
    @APIResponse(responseCode = "409", description = "The name is taken in this room",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response join(@PathParam("room") @RoomName String room,
                         @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                         @Valid @NotNull(message = "a JSON body {\"username\": …} is required") Join join,
                         @Context HttpServletRequest request) {
        Optional<String> bearer = Tokens.presented(authorization, null);
        Joined joined = rooms.join(room, join.username(), Clients.of(request), bearer);
        // with a host's JWTs the JWT is the token: the cookie carries it to the events endpoint
        String token = joined.token() != null ? joined.token() : bearer.orElseThrow();
        return Response.status(Response.Status.CREATED)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .cookie(StreamCookie.of(request, room, token))
                .entity(joined)
                .build();
    }

    @POST
    @Path("{room}/members/me/cookie")
    @SecurityRequirement(name = "token")
    @Operation(summary = "Set the stream cookie again for the token's member (for a page whose browser dropped it)")
    @APIResponse(responseCode = "204", description = "The cookie is set")
    @APIResponse(responseCode = "401", description = "Missing or invalid token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response cookie(@PathParam("room") @RoomName String room,
                           @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @Context HttpServletRequest request) {
        // the bearer token only, never the cookie itself: a state-changing call must not ride on a cookie alone
        String token = Tokens.presented(authorization, null).orElse("");
        rooms.authenticate(room, Optional.of(token));
        return Response.noContent().cookie(StreamCookie.of(request, room, token)).build();
    }

    @GET
    @Path("{room}/members")
    @Operation(summary = "Who is connected now")
    @APIResponse(responseCode = "200", description = "Connected members, in order of arrival",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MemberSummary[].class)))
    public List<MemberSummary> members(@PathParam("room") @RoomName String room) {
        return rooms.members(room);
    }

    @DELETE
    @Path("{room}/members/me")
    @SecurityRequirement(name = "token")
    @Operation(summary = "Leave: free the name and close this member's streams")
    @APIResponse(responseCode = "204", description = "Left")
    @APIResponse(responseCode = "401", description = "Missing or invalid token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response leave(@PathParam("room") @RoomName String room,
                          @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                          @Context HttpServletRequest request) {
        rooms.leave(room, Tokens.presented(authorization, null));
        return Response.noContent().cookie(StreamCookie.cleared(request, room)).build();
    }

    @POST
    @Path("{room}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "token")
    @Operation(summary = "Say something; the answer is the usermessage every stream receives",
            description = "With an Idempotency-Key, the same key and text again within parley.message.idempotency-seconds "
                    + "answers the first post's 201 again (with Idempotent-Replayed: true) and says nothing.")
    @APIResponse(responseCode = "201", description = "Posted (or, for a repeated key, posted before)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChatEvent.class)))
    @APIResponse(responseCode = "401", description = "Missing or invalid token", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body too large", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Body is not application/json", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was sent with another text", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Too many messages; see Retry-After", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response post(@PathParam("room") @RoomName String room,
                         @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                         @Parameter(description = "a string unique per composed message, e.g. a UUID, "
                                 + "as a structured-field string (\"…\") or bare")
                         @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
                         @Valid @NotNull(message = "a JSON body {\"text\": …} is required") Post post,
                         @Context HttpServletRequest request) {
        Messages.Posted posted = rooms.post(room, Tokens.presented(authorization, null), post.text(),
                Clients.of(request), idempotencyKey);
        Response.ResponseBuilder response = Response.status(Response.Status.CREATED).entity(posted.message());
        return (posted.repeated() ? response.header("Idempotent-Replayed", "true") : response).build();
    }

    @PATCH
    @Path("{room}/messages/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "token")
    @Operation(summary = "Edit a message of yours within parley.message.edit-seconds; streams receive a messageedit")
    @APIResponse(responseCode = "200", description = "The message as it is now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChatEvent.class)))
    @APIResponse(responseCode = "401", description = "Missing or invalid token", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Someone else's message", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such message in retained history", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Deleted, or past the edit window", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Too many messages; see Retry-After", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ChatEvent edit(@PathParam("room") @RoomName String room, @PathParam("id") String id,
                          @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                          @Valid @NotNull(message = "a JSON body {\"text\": …} is required") Post edit,
                          @Context HttpServletRequest request) {
        return rooms.edit(room, Tokens.presented(authorization, null), id, edit.text(), Clients.of(request));
    }

    @DELETE
    @Path("{room}/messages/{id}")
    @SecurityRequirement(name = "token")
    @SecurityRequirement(name = "moderator")
    @Operation(summary = "Delete a message of yours (with your token), or any message (as a moderator): its text is "
            + "gone from the server; streams receive a messagedelete, with \"by\":\"moderator\" for a moderator's")
    @APIResponse(responseCode = "204", description = "Deleted (or deleted already)")
    @APIResponse(responseCode = "401", description = "Missing or invalid token", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Someone else's message", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such message in retained history", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Too many messages; see Retry-After", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("room") @RoomName String room, @PathParam("id") String id,
                           @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @Context SecurityContext security, @Context HttpServletRequest request) {
        if (security.isUserInRole(Roles.MODERATOR)) {
            moderation.delete(security.getUserPrincipal().getName(), room, id);
        } else {
            rooms.delete(room, Tokens.presented(authorization, null), id, Clients.of(request));
        }
        return Response.noContent().build();
    }

    @POST
    @Path("{room}/typing")
    @SecurityRequirement(name = "token")
    @Operation(summary = "Say you are typing (no body): streams receive a usertyping, at most one per member per "
            + "parley.typing.interval-millis; more are accepted and dropped")
    @APIResponse(responseCode = "202", description = "Accepted")
    @APIResponse(responseCode = "401", description = "Missing or invalid token", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response typing(@PathParam("room") @RoomName String room,
                           @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        rooms.typing(room, Tokens.presented(authorization, null));
        return Response.accepted().build();
    }

    @GET
    @Path("{room}/messages")
    @Operation(summary = "Retained messages before an id (or the newest), oldest first")
    @APIResponse(responseCode = "200", description = "Messages as they are now (edited, or tombstones), oldest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChatEvent[].class)))
    public List<ChatEvent> messages(@PathParam("room") @RoomName String room,
                                    @Parameter(description = "id of an event; messages before it are returned")
                                    @QueryParam("before") String before,
                                    @Parameter(description = "how many, 1 to parley.history.page-max (default parley.history.page-size)")
                                    @QueryParam("limit") String limit) {
        return rooms.messages(room, before, limit);
    }
}
