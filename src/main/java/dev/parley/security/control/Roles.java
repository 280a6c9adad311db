package dev.parley.security.control;

/** The roles of {@code @RolesAllowed}: the registry's groups (server.xml) and a JWT's mapped groups bear these names. */
public final class Roles {

    /** Acts on rooms: kicks, bans, deletes any message, sets slow mode. */
    public static final String MODERATOR = "moderator";
    /** Acts on the whole server: reads the audit log. An admin is a moderator too. */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
