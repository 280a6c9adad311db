package dev.parley.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.problems.Problem;
import dev.parley.problems.ProblemException;
import jakarta.annotation.Nullable;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrictJsonTest {

    record Named(String username) {
    }

    record Ban(String username, int seconds, @Nullable String reason, boolean address) {
    }

    private static <T extends Record> T read(Class<T> type, String body) {
        return read(type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static <T extends Record> T read(Class<T> type, byte[] body) {
        return StrictJson.bind(type, StrictJson.parse(new ByteArrayInputStream(body)));
    }

    private static Problem refused(Class<? extends Record> type, String body) {
        return assertThrows(ProblemException.class, () -> read(type, body), body).problem();
    }

    @Test
    void bindsAnObjectWhosePropertiesAreExactlyTheRecordsComponents() {
        assertEquals(new Named("bobby"), read(Named.class, "{\"username\":\"bobby\"}"));
        assertEquals(new Ban("eve", 60, "spam", true),
                read(Ban.class, "{\"username\":\"eve\",\"seconds\":60,\"reason\":\"spam\",\"address\":true}"));
        Ban withoutReason = read(Ban.class, "{\"username\":\"eve\",\"seconds\":60,\"address\":false}");
        assertNull(withoutReason.reason(), "a @Nullable component may be absent");
        assertNull(read(Ban.class, "{\"username\":\"eve\",\"seconds\":1,\"reason\":null,\"address\":false}").reason());
    }

    @Test
    void refusesEveryNonStringWhereAStringIsExpectedNamingTheField() {
        for (String value : List.of("42", "true", "false", "[]", "[\"bob\"]", "{}", "{\"a\":\"b\"}", "null", "1.5")) {
            Problem problem = refused(Named.class, "{\"username\":" + value + "}");
            assertEquals(400, problem.status(), value);
            assertTrue(problem.detail().startsWith("username "), "names the field: " + problem.detail());
        }
    }

    @Test
    void refusesAMissingRequiredFieldNamingIt() {
        Problem problem = refused(Named.class, "{}");
        assertEquals(400, problem.status());
        assertEquals("username is required (a string).", problem.detail());
        assertTrue(refused(Ban.class, "{\"username\":\"eve\",\"address\":false}").detail().startsWith("seconds "));
    }

    @Test
    void refusesNumbersThatAreNotWholeOrOutOfRangeWithoutExpandingThem() {
        for (String seconds : List.of("1.5", "\"60\"", "2147483648", "-2147483649", "1e999999999", "true")) {
            Problem problem = refused(Ban.class, "{\"username\":\"eve\",\"seconds\":" + seconds + ",\"address\":false}");
            assertTrue(problem.detail().startsWith("seconds "), seconds + ": " + problem.detail());
        }
    }

    @Test
    void refusesUnknownPropertiesWithoutEchoingThem() {
        Problem problem = refused(Named.class, "{\"username\":\"bob\",\"<script>\":1}");
        assertEquals(400, problem.status());
        assertEquals("urn:parley:problem:unknown-property", problem.type());
        assertTrue(problem.detail().contains("\"username\"") && !problem.detail().contains("script"), problem.detail());
    }

    @Test
    void refusesTruncatedBodiesAtOnceIncludingTheOnesThatWedgeJsonB() {
        // each of these made Yasson skip an unknown property forever (eclipse-ee4j/parsson#23)
        for (String body : List.of("{\"a\":{", "{\"x\":[", "{\"username\":\"x\",\"z\":[[{", "{", "{\"username\":",
                "{\"username\":\"bo", "", "   ", "nul")) {
            Problem problem = refused(Named.class, body);
            assertEquals(400, problem.status(), body);
            assertEquals("urn:parley:problem:malformed-json", problem.type(), body);
        }
    }

    @Test
    void refusesWhatIsNotOneJsonObject() {
        for (String body : List.of("[]", "\"bob\"", "42", "null", "[{\"username\":\"bob\"}]")) {
            assertEquals("urn:parley:problem:invalid-body", refused(Named.class, body).type(), body);
        }
        assertEquals("urn:parley:problem:malformed-json", refused(Named.class, "{\"username\":\"a\"} {}").type(),
                "one value, nothing after it");
    }

    @Test
    void refusesDuplicateKeysBadUtf8AndDeepNesting() {
        assertEquals(400, refused(Named.class, "{\"username\":\"a\",\"username\":\"b\"}").status());
        byte[] latin1 = "{\"username\":\"zo\u00eb\"}".getBytes(StandardCharsets.ISO_8859_1);
        ProblemException badUtf8 = assertThrows(ProblemException.class, () -> read(Named.class, latin1));
        assertEquals(400, badUtf8.problem().status());
        assertEquals(400, refused(Named.class, "[".repeat(5000)).status());
        assertEquals(400, refused(Named.class, "{\"username\":" + "[".repeat(5000) + "]".repeat(5000) + "}").status());
    }
}
