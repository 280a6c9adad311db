package dev.parley.security.boundary;

import dev.parley.problems.Problem;
import dev.parley.problems.ProblemException;
import dev.parley.security.control.JwtVerifier;
import jakarta.annotation.Priority;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;

/**
 * Answers a request to a {@code @RolesAllowed} endpoint that lacks the role with Parley's problem, before the
 * container refuses it in its own words: 401 with a challenge when no one is authenticated (a member's token included,
 * which names a member, never a moderator: 403 then), 403 when the caller has none of the roles. The roles are the
 * container's ({@link SecurityContext#isUserInRole}), and the annotation stays what decides.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class RoleRefusals implements ContainerRequestFilter {

    private static final String TYPE = "urn:parley:problem:";
    static final String REQUESTED_WITH = "X-Requested-With";

    @Context
    private ResourceInfo resource;

    private final JwtVerifier jwts;

    @Inject
    public RoleRefusals(JwtVerifier jwts) {
        this.jwts = jwts;
    }

    public RoleRefusals() {
        // for the CDI client proxy, and for JAX-RS, which looks for a public constructor
        this(null);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        RolesAllowed allowed = rolesAllowed(resource.getResourceMethod());
        if (allowed == null) {
            return;
        }
        SecurityContext security = request.getSecurityContext();
        if (security.getUserPrincipal() == null) {
            String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
            if (authorization != null && authorization.strip().regionMatches(true, 0, "Bearer", 0, 6)) {
                throw forbidden("A member's token grants no moderation; sign in as a moderator.");
            }
            throw new ProblemException(unauthorized("This needs a moderator's credentials (HTTP Basic"
                    + (jwts.enabled() ? ", or a JWT with the group" : "") + ")."),
                    challengeHeaders(request.getHeaderString(REQUESTED_WITH), jwts.enabled()));
        }
        if (Arrays.stream(allowed.value()).noneMatch(security::isUserInRole)) {
            throw forbidden("This needs the role " + String.join(" or ", allowed.value()) + ".");
        }
    }

    private static RolesAllowed rolesAllowed(Method method) {
        if (method == null) {
            return null;
        }
        RolesAllowed onMethod = method.getAnnotation(RolesAllowed.class);
        return onMethod != null ? onMethod : method.getDeclaringClass().getAnnotation(RolesAllowed.class);
    }

    static Problem unauthorized(String detail) {
        return new Problem(TYPE + "unauthorized", "Unauthorized", 401, detail);
    }

    private static ProblemException forbidden(String detail) {
        return new ProblemException(new Problem(TYPE + "forbidden", "Forbidden", 403, detail));
    }

    /**
     * The headers of a 401: the challenge, except for a script's own request ({@code X-Requested-With:
     * XMLHttpRequest}, as the admin console sends). A browser answers a {@code Basic} challenge to a fetch by popping
     * its own login dialog over the page, even when the script sent the credentials itself; the console asks for them
     * in its own form and shows the problem's detail instead (docs/API.md, "Moderation").
     */
    static Map<String, String> challengeHeaders(String requestedWith, boolean jwt) {
        return "XMLHttpRequest".equalsIgnoreCase(requestedWith) ? Map.of()
                : Map.of("WWW-Authenticate", challenge(jwt));
    }

    /** The schemes a moderator may answer with. */
    static String challenge(boolean jwt) {
        return jwt ? "Basic realm=\"parley\", Bearer realm=\"parley\"" : "Basic realm=\"parley\"";
    }
}
