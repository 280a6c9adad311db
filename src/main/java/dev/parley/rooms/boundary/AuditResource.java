package dev.parley.rooms.boundary;

import dev.parley.problems.Problem;
import dev.parley.rooms.control.Moderation;
import dev.parley.rooms.entity.AuditRecord;
import dev.parley.security.control.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit trail of every room's moderation, for admins. */
@Path("audit")
@ApplicationScoped
@Tag(name = "moderation")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "moderator")
public class AuditResource {

    private final Moderation moderation;

    @Inject
    public AuditResource(Moderation moderation) {
        this.moderation = moderation;
    }

    public AuditResource() {
        // for the CDI client proxy, and for JAX-RS, which looks for a public constructor
        this(null);
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "The newest moderation actions of every room, newest first (admins)")
    @APIResponse(responseCode = "200", description = "Audit entries", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuditRecord[].class)))
    @APIResponse(responseCode = "400", description = "Bad limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No admin credentials (see WWW-Authenticate)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "A member's token, or not an admin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<AuditRecord> audit(@QueryParam("limit") String limit) {
        return moderation.audit(limit);
    }
}
