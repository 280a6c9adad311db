package dev.parley.security.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;

/**
 * Verifies a host application's JWTs as MicroProfile JWT defines them (its {@code mp.jwt.verify.*} keys): signed with
 * RS256 or ES256 (never {@code none}, never a symmetric key an attacker could guess at), by the configured key,
 * from the configured issuer, not expired, with a subject and a name. Built once at startup: a wrong key setting stops
 * the start, not a request.
 */
@ApplicationScoped
public class JwtVerifier {

    private static final Logger LOG = Logger.getLogger(JwtVerifier.class.getName());
    /**
     * A JWT in compact form: three base64url parts, the first one a JSON object ({@code {"} is {@code eyJ}); an empty
     * signature too, so that an unsigned one is refused as a JWT, not taken for something else.
     */
    private static final java.util.regex.Pattern COMPACT =
            java.util.regex.Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*");

    private final AuthSettings settings;
    private final JwtConsumer consumer;

    @Inject
    public JwtVerifier(AuthSettings settings) {
        this.settings = settings;
        this.consumer = settings == null || !settings.jwt() ? null : consumer(settings);
    }

    protected JwtVerifier() {
        // for the CDI client proxy only
        this(null);
    }

    /** Created at startup, so that a key setting that cannot be used stops the start. */
    void started(@jakarta.enterprise.event.Observes jakarta.enterprise.event.Startup startup) {
        if (consumer != null) {
            LOG.info("Members are the users of JWTs from " + settings.issuer());
        }
    }

    /** Whether members are JWT users. */
    public boolean enabled() {
        return consumer != null;
    }

    /** Whether a bearer credential has a JWT's shape (a member token of Parley's never has: it has no dot). */
    public static boolean looksLikeJwt(String credential) {
        return credential != null && COMPACT.matcher(credential).matches();
    }

    /** The identity of a valid JWT; empty for any JWT that is not (the reason is logged at FINE, never the token). */
    public Optional<JwtIdentity> verify(String token) {
        if (consumer == null || !looksLikeJwt(token)) {
            return Optional.empty();
        }
        try {
            JwtClaims claims = consumer.processToClaims(token);
            String username = claims.getStringClaimValue("preferred_username");
            if (username == null) {
                username = claims.getStringClaimValue("upn");
            }
            if (username == null || claims.getSubject() == null) {
                LOG.fine("A JWT without sub, or without preferred_username and upn, was refused");
                return Optional.empty();
            }
            Set<String> roles = new HashSet<>();
            List<String> groups = claims.hasClaim("groups") ? claims.getStringListClaimValue("groups") : List.of();
            if (groups.contains(settings.adminGroup())) {
                roles.add(Roles.ADMIN);
                roles.add(Roles.MODERATOR);
            }
            if (groups.contains(settings.moderatorGroup())) {
                roles.add(Roles.MODERATOR);
            }
            return Optional.of(new JwtIdentity(claims.getIssuer(), claims.getSubject(), username, Set.copyOf(roles)));
        } catch (InvalidJwtException | MalformedClaimException e) {
            LOG.log(Level.FINE, "A JWT was refused: {0}", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private static JwtConsumer consumer(AuthSettings settings) {
        JwtConsumerBuilder builder = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setExpectedIssuer(true, settings.issuer())
                .setAllowedClockSkewInSeconds((int) settings.clockSkew().toSeconds())
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        if (settings.audiences().isEmpty()) {
            builder.setSkipDefaultAudienceValidation();
        } else {
            builder.setExpectedAudience(settings.audiences().toArray(String[]::new));
        }
        String location = settings.publicKeyLocation().orElse(null);
        if (settings.publicKey().isEmpty() && location != null && location.startsWith("https://")) {
            // fetched when first needed, cached, fetched again for an unknown key id: keys can be rotated
            builder.setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(new HttpsJwks(location)));
        } else {
            String text = settings.publicKey().orElseGet(() -> read(location));
            applyKey(builder, text.strip());
        }
        return builder.build();
    }

    private static void applyKey(JwtConsumerBuilder builder, String text) {
        try {
            if (text.startsWith("-----BEGIN PUBLIC KEY-----")) {
                builder.setVerificationKey(pem(text));
            } else if (text.startsWith("{") && text.contains("\"keys\"")) {
                builder.setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(text).getJsonWebKeys()));
            } else if (text.startsWith("{")) {
                builder.setVerificationKey(JsonWebKey.Factory.newJwk(text).getKey());
            } else {
                // MicroProfile JWT also takes a bare base64 DER key
                builder.setVerificationKey(der(Base64.getMimeDecoder().decode(text)));
            }
        } catch (JoseException | IllegalArgumentException e) {
            throw new IllegalArgumentException("mp.jwt.verify.publickey(.location) holds no public key Parley can "
                    + "read (PEM, JWK, JWKS or base64 DER)", e);
        }
    }

    private static Key pem(String text) {
        String body = text.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "");
        return der(Base64.getMimeDecoder().decode(body));
    }

    private static Key der(byte[] encoded) {
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(encoded));
            } catch (java.security.GeneralSecurityException e) {
                // the other one, then
            }
        }
        throw new IllegalArgumentException("not an RSA or EC public key");
    }

    private static String read(String location) {
        String path = location.startsWith("file:") ? location.substring("file:".length()) : location;
        try {
            return Files.readString(Path.of(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("mp.jwt.verify.publickey.location cannot be read: " + location, e);
        }
    }
}
