package dev.parley.security.control;

import dev.parley.platform.Settings;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How members are identified, from configuration.
 *
 * @param jwt               {@code parley.auth}: {@code token} (a name chosen at join, its token issued by Parley) or
 *                          {@code jwt} (the member is the user of a host application's signed JWT)
 * @param issuer            {@code mp.jwt.verify.issuer}: the {@code iss} every JWT must carry
 * @param publicKey         {@code mp.jwt.verify.publickey}: the verification key itself (PEM, JWK or JWKS)
 * @param publicKeyLocation {@code mp.jwt.verify.publickey.location}: or where it is (a file, or an https JWKS URL)
 * @param audiences         {@code mp.jwt.verify.audiences}: one of them must be in {@code aud}; none: not checked
 * @param clockSkew         {@code mp.jwt.verify.clock.skew}: seconds of tolerance on {@code exp}, {@code nbf}, {@code iat}
 * @param moderatorGroup    {@code parley.auth.moderator-group}: the JWT group that is the moderator role
 * @param adminGroup        {@code parley.auth.admin-group}: the JWT group that is the admin role
 */
public record AuthSettings(boolean jwt, String issuer, Optional<String> publicKey, Optional<String> publicKeyLocation,
                           Set<String> audiences, Duration clockSkew, String moderatorGroup, String adminGroup) {

    public static AuthSettings from(Settings settings) {
        String mode = settings.string("parley.auth");
        if (!mode.equals("token") && !mode.equals("jwt")) {
            throw new IllegalArgumentException("parley.auth must be 'token' or 'jwt', not '" + mode + "'");
        }
        boolean jwt = mode.equals("jwt");
        Optional<String> key = settings.optional("mp.jwt.verify.publickey");
        Optional<String> location = settings.optional("mp.jwt.verify.publickey.location");
        Optional<String> issuer = settings.optional("mp.jwt.verify.issuer");
        if (jwt && (issuer.isEmpty() || (key.isEmpty() && location.isEmpty()))) {
            throw new IllegalArgumentException("parley.auth=jwt needs mp.jwt.verify.issuer and either "
                    + "mp.jwt.verify.publickey or mp.jwt.verify.publickey.location");
        }
        Set<String> audiences = settings.optional("mp.jwt.verify.audiences")
                .map(list -> Arrays.stream(list.split(",")).map(String::strip).filter(a -> !a.isEmpty())
                        .collect(Collectors.toUnmodifiableSet()))
                .orElse(Set.of());
        return new AuthSettings(jwt, issuer.orElse(""), key, location, audiences,
                settings.seconds("mp.jwt.verify.clock.skew", 0), settings.string("parley.auth.moderator-group"),
                settings.string("parley.auth.admin-group"));
    }
}
