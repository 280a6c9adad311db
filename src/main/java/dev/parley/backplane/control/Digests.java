package dev.parley.backplane.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** SHA-256 digests, for what a store must recognise without keeping it: a keyed post's text, a client's key. */
public final class Digests {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private Digests() {
    }

    public static String of(String value) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return BASE64URL.encodeToString(sha256.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
