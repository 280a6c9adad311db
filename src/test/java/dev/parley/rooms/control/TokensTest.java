package dev.parley.rooms.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokensTest {

    @Test
    void issuesTokensOfAtLeast128RandomBits() {
        String token = Tokens.issue();
        assertTrue(Base64.getUrlDecoder().decode(token).length * 8 >= 128);
        assertNotEquals(token, Tokens.issue());
    }

    @Test
    void hashesAreStableAndDoNotContainTheToken() {
        String token = Tokens.issue();
        assertEquals(Tokens.hash(token), Tokens.hash(token));
        assertTrue(!Tokens.hash(token).contains(token));
    }

    @Test
    void takesTheBearerHeaderBeforeTheQueryParameter() {
        assertEquals(Optional.of("abc"), Tokens.presented("Bearer abc", "zzz"));
        assertEquals(Optional.of("abc"), Tokens.presented("bearer   abc", null));
        assertEquals(Optional.of("q"), Tokens.presented(null, "q"));
        assertEquals(Optional.empty(), Tokens.presented(null, null));
    }

    @Test
    void anotherSchemeCountsAsAnInvalidCredential() {
        assertEquals(Optional.of(""), Tokens.presented("Basic YWxhZGRpbg==", null));
        assertEquals(Optional.of(""), Tokens.presented("Bearer", null));
    }
}
