package dev.parley.rooms.boundary;

import dev.parley.http.Clients;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.NewCookie;

/**
 * The cookie that lets a browser's {@code EventSource}, which cannot send headers, present its member's token
 * without putting it in a URL (where browser history and proxies' logs keep it): {@code HttpOnly}, so no script
 * reads it, {@code SameSite=Strict}, so no other site's page sends it, and scoped to the room's path, so it goes
 * with that room's requests only. Only the events endpoint accepts it; every state-changing call needs the token
 * as a bearer header, so no request forged by another origin can act on the cookie.
 */
public final class StreamCookie {

    public static final String NAME = "parley_token";

    private StreamCookie() {
    }

    public static NewCookie of(HttpServletRequest request, String room, String token) {
        return builder(request, room).value(token).build();
    }

    public static NewCookie cleared(HttpServletRequest request, String room) {
        return builder(request, room).value("").maxAge(0).build();
    }

    private static NewCookie.Builder builder(HttpServletRequest request, String room) {
        return new NewCookie.Builder(NAME)
                .path(request.getContextPath() + "/api/rooms/" + room)
                .httpOnly(true)
                .secure(Clients.isSecure(request))
                .sameSite(NewCookie.SameSite.STRICT);
    }
}
