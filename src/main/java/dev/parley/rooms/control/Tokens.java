package dev.parley.rooms.control;

import dev.parley.security.control.AuthorizationHeader;
import dev.parley.backplane.control.Digests;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/** Member tokens: 256 random bits, shown once, kept only as a hash. */
public final class Tokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private Tokens() {
    }

    public static String issue() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    public static String hash(String token) {
        return Digests.of(token);
    }

    /**
     * The credential a request presents: an {@code Authorization} header of any scheme counts (and fails
     * unless it is {@code Bearer}); the query parameter is for {@code EventSource}, which cannot set headers.
     */
    public static Optional<String> presented(String authorization, String queryToken) {
        if (authorization != null) {
            String[] parts = AuthorizationHeader.split(authorization);
            boolean bearer = parts.length == 2 && parts[0].equalsIgnoreCase("Bearer");
            return Optional.of(bearer ? parts[1] : "");
        }
        return Optional.ofNullable(queryToken);
    }
}
