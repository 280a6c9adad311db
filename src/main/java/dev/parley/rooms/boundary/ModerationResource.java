package dev.parley.rooms.boundary;

import dev.parley.problems.Problem;
import dev.parley.rooms.control.Moderation;
import dev.parley.rooms.entity.BanRequest;
import dev.parley.rooms.entity.Banned;
import dev.parley.rooms.entity.RoomName;
import dev.parley.rooms.entity.SlowMode;
import dev.parley.security.control.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The moderators' endpoints (docs/API.md, "Moderation"), beside {@link RoomsResource} on the same root path (JAX-RS
 * matches the methods of both). Each is refused without its role: 401 with a challenge without credentials, 403 with a
 * member's token or the wrong role. A moderator's delete of a message is {@link RoomsResource}'s delete.
 */
@Path("rooms")
@ApplicationScoped
@Tag(name = "moderation", description = "Kick, ban, slow mode and the audit trail, for moderators and admins")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No moderator credentials (see WWW-Authenticate)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "A member's token, or not the role",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ModerationResource {

    private final Moderation moderation;

    @Inject
    public ModerationResource(Moderation moderation) {
        this.moderation = moderation;
    }

    public ModerationResource() {
        // for the CDI client proxy, and for JAX-RS, which looks for a public constructor
        this(null);
    }

    @DELETE
    @Path("{room}/members/{username}")
    @RolesAllowed(Roles.MODERATOR)
    @SecurityRequirement(name = "moderator")
    @Operation(summary = "Kick: close every stream of the member, emit userdisconnect once, free the name")
    @APIResponse(responseCode = "204", description = "Kicked")
    @APIResponse(responseCode = "404", description = "Nobody holds that name here",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response kick(@PathParam("room") @RoomName String room, @PathParam("username") String username,
                         @Context SecurityContext security) {
        moderation.kick(actor(security), room, username);
        return Response.noContent().build();
    }

    @POST
    @Path("{room}/bans")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MODERATOR)
    @SecurityRequirement(name = "moderator")
    @Operation(summary = "Ban a name (and, with \"address\": true, its member's address) from the room for a time; "
            + "whoever holds the name is kicked")
    @APIResponse(responseCode = "201", description = "Banned",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Banned.class)))
    @APIResponse(responseCode = "400", description = "Bad name, seconds or reason",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response ban(@PathParam("room") @RoomName String room,
                        @NotNull(message = "a JSON body {\"username\", \"seconds\", \"reason\"} is required")
                        BanRequest ban, @Context SecurityContext security) {
        return Response.status(Response.Status.CREATED).header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(moderation.ban(actor(security), room, ban)).build();
    }

    @GET
    @Path("{room}/bans")
    @RolesAllowed(Roles.MODERATOR)
    @SecurityRequirement(name = "moderator")
    @Operation(summary = "The bans that hold now, soonest to end first")
    @APIResponse(responseCode = "200", description = "Bans",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Banned[].class)))
    public List<Banned> bans(@PathParam("room") @RoomName String room) {
        return moderation.bans(room);
    }

    @DELETE
    @Path("{room}/bans/{username}")
    @RolesAllowed(Roles.MODERATOR)
    @SecurityRequirement(name = "moderator")
    @Operation(summary = "Lift a ban (the name's, and its address's)")
    @APIResponse(responseCode = "204", description = "Lifted")
    @APIResponse(responseCode = "404", description = "That name is not banned",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response lift(@PathParam("room") @RoomName String room, @PathParam("username") String username,
                         @Context SecurityContext security) {
        moderation.lift(actor(security), room, username);
        return Response.noContent().build();
    }

    @GET
    @Path("{room}/slow-mode")
    @Operation(summary = "The room's slow mode, for everyone: one message per member every this many seconds (0: off)")
    @APIResponse(responseCode = "200", description = "Slow mode",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SlowMode.class)))
    public SlowMode slowMode(@PathParam("room") @RoomName String room) {
        return new SlowMode(moderation.slowMode(room));
    }

    @PUT
    @Path("{room}/slow-mode")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MODERATOR)
    @SecurityRequirement(name = "moderator")
    @Operation(summary = "Set the room's slow mode: one message per member every this many seconds (0: off)")
    @APIResponse(responseCode = "200", description = "Set",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SlowMode.class)))
    public SlowMode setSlowMode(@PathParam("room") @RoomName String room,
                                @NotNull(message = "a JSON body {\"seconds\": …} is required") SlowMode slowMode,
                                @Context SecurityContext security) {
        return new SlowMode(moderation.slowMode(actor(security), room, slowMode.seconds()));
    }

    private static String actor(SecurityContext security) {
        return security.getUserPrincipal().getName();
    }
}
