package dev.parley.security.control;

import java.util.Set;

/**
 * The user a verified JWT speaks for.
 *
 * @param subject  {@code sub}, unique and stable at the issuer (a name may change hands; a subject does not)
 * @param username {@code preferred_username}, or {@code upn}: the chat name, still subject to the name rules
 * @param roles    Parley's roles its {@code groups} map to
 */
public record JwtIdentity(String issuer, String subject, String username, Set<String> roles) {
}
