package dev.parley.security.boundary;

import dev.parley.problems.ProblemResponses;
import dev.parley.security.control.AuthorizationHeader;
import dev.parley.security.control.JwtIdentity;
import dev.parley.security.control.JwtVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.auth.message.callback.PasswordValidationCallback;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.annotation.Metric;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.UnsupportedCallbackException;

/**
 * Parley's one authentication mechanism, run by the container for every request:
 * <ul>
 *   <li>{@code Authorization: Basic}: checked against the server's user registry (server.xml's basicRegistry,
 *       whose moderator and admin come from the environment), whose groups are the roles. Wrong: 401.</li>
 *   <li>{@code Authorization: Bearer} with a JWT, when {@code parley.auth=jwt}: verified ({@link JwtVerifier}); its
 *       mapped groups are the roles. Invalid: 401.</li>
 *   <li>Anything else (a member's own token, or nothing) authenticates no one here: the rooms check members' tokens,
 *       and {@link RoleRefusals} answers a request that reaches a role's endpoint without the role.</li>
 * </ul>
 * A refusal is a 401 with {@code WWW-Authenticate} (not for the admin console's own requests: {@link
 * RoleRefusals#challengeHeaders}), written here as a problem (never the container's page), and counted in {@code parley_auth_failures_total} rather than logged one by one (a flood of wrong passwords
 * must not flood the log). No password or token is logged or echoed.
 */
@ApplicationScoped
public class ParleyAuthentication implements HttpAuthenticationMechanism {

    private final JwtVerifier jwts;
    private final Counter failures;

    @Inject
    public ParleyAuthentication(JwtVerifier jwts,
                                @Metric(name = "parley.auth.failures", absolute = true,
                                        description = "Requests refused for wrong credentials or an invalid JWT")
                                Counter failures) {
        this.jwts = jwts;
        this.failures = failures;
    }

    protected ParleyAuthentication() {
        // for the CDI client proxy only
        this(null, null);
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        if (request.getDispatcherType() == DispatcherType.ERROR) {
            // the container's error dispatch after a refusal made here, which has answered already: nothing more
            // (the container's own fallback would read the refused header again, and fails on one that is not base64)
            return response.isCommitted() ? AuthenticationStatus.SEND_FAILURE : context.doNothing();
        }
        String authorization = request.getHeader("Authorization");
        String[] parts = authorization == null ? new String[0] : AuthorizationHeader.split(authorization);
        if (parts.length == 2 && parts[0].equalsIgnoreCase("Basic")) {
            return basic(parts[1], request, response, context);
        }
        if (parts.length == 2 && parts[0].equalsIgnoreCase("Bearer") && jwts.enabled()) {
            // the members are JWT users: a bearer credential is a JWT, or it is no credential at all
            Optional<JwtIdentity> identity = jwts.verify(parts[1]);
            if (identity.isEmpty()) {
                return refuse(request, response, context, "The JWT is not valid here: its signature, issuer, expiry or "
                        + "claims (sub, preferred_username or upn) do not check out.");
            }
            return context.notifyContainerAboutLogin(new jakarta.security.enterprise.CallerPrincipal(
                    identity.get().username()), identity.get().roles());
        }
        return context.doNothing();
    }

    private AuthenticationStatus basic(String encoded, HttpServletRequest request, HttpServletResponse response,
                                       HttpMessageContext context) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return refuse(request, response, context, "The Basic credentials are not base64.");
        }
        int colon = decoded.indexOf(':');
        String user = colon < 0 ? "" : decoded.substring(0, colon);
        String password = colon < 0 ? "" : decoded.substring(colon + 1);
        // an unset moderator (no PARLEY_MODERATOR_USER / _PASSWORD) is an empty one: nobody logs in as it
        if (user.isBlank() || password.isEmpty()) {
            return refuse(request, response, context, "The user name or password is wrong.");
        }
        // the container's own check against its user registry (Jakarta Authentication's callback), so the
        // registry is server.xml's: its basicRegistry by default, LDAP or any other an operator configures
        PasswordValidationCallback check = new PasswordValidationCallback(context.getClientSubject(), user,
                password.toCharArray());
        try {
            context.getHandler().handle(new Callback[] {check});
        } catch (IOException | UnsupportedCallbackException e) {
            return refuse(request, response, context, "The user name or password is wrong.");
        } finally {
            check.clearPassword();
        }
        if (!check.getResult()) {
            return refuse(request, response, context, "The user name or password is wrong.");
        }
        // no groups given: the container takes the user's groups from its registry, and they are the roles
        return context.notifyContainerAboutLogin(user, Set.of());
    }

    /** Answers 401 with the problem here, committed, so the container adds nothing of its own. */
    private AuthenticationStatus refuse(HttpServletRequest request, HttpServletResponse response,
                                        HttpMessageContext context, String detail) {
        failures.inc();
        try {
            ProblemResponses.write(response, RoleRefusals.unauthorized(detail),
                    RoleRefusals.challengeHeaders(request.getHeader(RoleRefusals.REQUESTED_WITH), jwts.enabled()));
        } catch (IOException e) {
            // the client has gone: there is no one to answer
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
