package dev.parley.rooms.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.problems.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextsTest {

    @Test
    void trimsAndNormalisesLineBreaks() {
        assertEquals("a\nb\nc\td", Texts.message("  a\r\nb\rc\td \n", 100));
    }

    @Test
    void countsCodePointsAgainstTheLimit() {
        assertEquals(2000, Texts.message("😀".repeat(2000), 2000).codePointCount(0, 4000));
        ProblemException tooLong = assertThrows(ProblemException.class, () -> Texts.message("a".repeat(2001), 2000));
        assertEquals(400, tooLong.problem().status());
        assertEquals("urn:parley:problem:text-too-long", tooLong.problem().type());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n\t"})
    void refusesEmptyText(String text) {
        assertEquals(400, assertThrows(ProblemException.class, () -> Texts.message(text, 10)).problem().status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "bell\u0007", "esc\u001b[31m", "half \uD83D pair", "c1\u0085"})
    void refusesControlCharactersAndBrokenSurrogates(String text) {
        assertEquals("urn:parley:problem:invalid-text",
                assertThrows(ProblemException.class, () -> Texts.message(text, 100)).problem().type());
    }
}
