/**
 * Who a request is: moderators and admins by HTTP Basic against the server's user registry, and, with {@code
 * parley.auth=jwt}, a host application's users by their signed JWT. Authentication is a Jakarta Security
 * {@link jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism}; authorization is the
 * container's, by {@code @RolesAllowed} on the resources. Depends on problems and platform only.
 */
package dev.parley.security;
