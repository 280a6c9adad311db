package dev.parley.testing;

import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * A host application's JWTs, for the tests of {@code parley.auth=jwt}: signed with a key pair made for these tests
 * only (its public half is what a test deployment trusts), or with a key made on the spot for a bad signature.
 */
public final class TestJwts {

    public static final String ISSUER = "https://host.test.parley.dev";
    /** The public key a test deployment verifies with (base64 DER, as mp.jwt.verify.publickey takes it). */
    public static final String PUBLIC_KEY = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA4AKYQdbzQ7GgUUb4JNFdmF203070hn9glKVDhbOPXCYRdmdWwVBSBErJ"
            + "T+qRZL1WuIF6E6qzIQFeb+qbG29U4GgFC26BY9IrdgAfFK8nyJnu2w91KjiZvBrIPLgELpBuVU+h/Ju0nliSZkQ/B6vTzPvhEr7Q"
            + "UPKvEzl7vzsaYOluidos7tSuhoGWhW5yj0W6QFkYgy+ZZF6OGjKCi3d7YOvvjHjh2FdL6XSxpyM2i6RFVOqzyR6BkiHLdxE9Y+PE"
            + "Fb+7RYFm7KMTEdrCwtzpvfcauMZnynX8RZ5XMiU4Af0qzkFTE/olMPvEmfXRnefZwqDu2VCtsLKhBwzoFZNMZQIDAQAB";
    private static final String PRIVATE_KEY = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDgAphB1vNDsaBRRvgk0V2YXbTfTvSGf2CUpUOFs49cJhF2Z1bB"
            + "UFIESslP6pFkvVa4gXoTqrMhAV5v6psbb1TgaAULboFj0it2AB8UryfIme7bD3UqOJm8Gsg8uAQukG5VT6H8m7SeWJJmRD8Hq9PM"
            + "++ESvtBQ8q8TOXu/Oxpg6W6J2izu1K6GgZaFbnKPRbpAWRiDL5lkXo4aMoKLd3tg6++MeOHYV0vpdLGnIzaLpEVU6rPJHoGSIct3"
            + "ET1j48QVv7tFgWbsoxMR2sLC3Om99xq4xmfKdfxFnlcyJTgB/SrOQVMT+iUw+8SZ9dGd59nCoO7ZUK2wsqEHDOgVk0xlAgMBAAEC"
            + "ggEAMFEm9aaPLHX66iUIX2qgST3HBlaRpBQD6TP3SzamcJ4ObK9P9Vzlf+MApoHmD+hN9PiKdAUA45jXvYSJJaL/F/MfyW4xru31"
            + "bVuL2KqKBnj7Xdko8K0qLbpKH9yiHEgPYEvPmPydufzJQREt1jH/+moGy0QIizk5PYiL0jzFjQrNJYwF1IdLwlaEyaDTm5cQ1F7p"
            + "lqR56haIbJ0lrnaPnB8aepgJE40TG29ic/K8i4z9omRGAf2WcOK+VWpdOk+6/qYXZOyiHicylXYYZ1RDkAKPujIY61iLKpnlVQIH"
            + "4dNhUlCSqW4KwFJj3aJpM7SoJaRc2dArzy6Xsavn6y7hCQKBgQD5pwjELSOTaNOSKIvaAcT+JbjxP7BKTZJb5n8AYcMwDyFbFyf2"
            + "AZJtl04h0QUA7mQ1Lj1EmiyPyIt/Z6zIt6BQAhucURZbpzOLI4u+0po6+k/hmZJeFY3rsp9MwdIGm/zYy2aZAtFrKuWl4fJpcD9O"
            + "RV/PKTSEXe3bFj+gtWjrCQKBgQDltKgjc+uRt3TsMl6dPFgC2QfqfoMwIO+L/BVxTObC4Q+i8DFkmspFfU/LzCdtdxUhNVpVVwoF"
            + "6tV73Qid5btukHtJTzsVSjz6Ek7tYjzqo/CuuEJwGi3NUdbny74mE+PJA4D1v7SGPYl5NcYiZLmHwfkYcNG9f5V580pKkOGBfQKB"
            + "gAT7jHU94WPjx7U3EfN77Y6U+if2eXJCMhWbeBVt3hNreeLzh1ylk2KUjn6mSU9HcsCM97QSz6je+8nDK/OllpGCOULZa3TQ1XqF"
            + "bxiT43gh3s5F3mH6VCbMHdnOVH7FRjqddKLBJ6TX6lVxOQFZuCm7wLnFvMKXjVO+Ee8HL9zhAoGBAJkOKwqUbt6FMy8+0LRMRQiA"
            + "vDmPWrJy/6pyqYb5CrnHZLfY+9BhI23x9X2B5rOVqUqbVjmO6WrP8re5q8gqDx24v601UdT5xm+KS3T5BEYEPpbsx7gSeXpZkayZ"
            + "oXWVwy1pXEBjIFJiJnvRTNgV7Vl78hJK+jYeEOdVKKdOqjOxAoGAc6c8Km3ZhPaP1LPcs1E08YPSPOjYqHWxWeqtj+jl2WPzejka"
            + "DxRVgemTTdc6EG1N5ghpXes/z41+O00CuIbg2EKzx2O2fYnGGRBjNTq+XHMFX/Brk+Ml7heEvaiPx3eIRFNQp/wgvn1WUj1ybBLC"
            + "u60QtSu+Q+EhlcmKdmidUag=";

    private TestJwts() {
    }

    /** Claims of a valid token for this user, expiring in ten minutes. */
    public static JwtClaims claims(String subject, String username, List<String> groups) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(subject);
        claims.setClaim("preferred_username", username);
        claims.setIssuedAtToNow();
        claims.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(Instant.now().plusSeconds(600).getEpochSecond()));
        if (!groups.isEmpty()) {
            claims.setStringListClaim("groups", groups);
        }
        return claims;
    }

    public static String token(String subject, String username, String... groups) {
        return sign(claims(subject, username, List.of(groups)));
    }

    /** Signed with the trusted test key (RS256). */
    public static String sign(JwtClaims claims) {
        return sign(claims, trustedKey(), AlgorithmIdentifiers.RSA_USING_SHA256);
    }

    /** Signed with a key nobody trusts. */
    public static String signWithAnotherKey(JwtClaims claims) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return sign(claims, generator.generateKeyPair().getPrivate(), AlgorithmIdentifiers.RSA_USING_SHA256);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims with {@code alg: none}: no signature at all. */
    public static String unsigned(JwtClaims claims) {
        String header = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        return header + "." + base64(claims.toJson()) + ".";
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String sign(JwtClaims claims, java.security.Key key, String algorithm) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue(algorithm);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey trustedKey() {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(PRIVATE_KEY)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For a test that builds its own claims: the map form of a claim set. */
    public static Map<String, Object> map(JwtClaims claims) {
        return claims.getClaimsMap();
    }
}
