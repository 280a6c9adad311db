package dev.parley.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"bobby", "Zoë", "李小龍", "al_ice-1.x", "देवनागरी", "Ölçü", "x", "9lives", "ابن"})
    void acceptsUnicodeLettersDigitsAndThreePunctuationMarks(String name) {
        assertEquals(Optional.of(name), Names.username(name));
    }

    @Test
    void trimsSurroundingWhiteSpace() {
        assertEquals(Optional.of("bob"), Names.username("  bob\t\n"));
    }

    @Test
    void composesDecomposedLetters() {
        assertEquals(Optional.of("Zoë"), Names.username("Zoe\u0308"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "a b", "bob!", "a\u0000b", "a\u0007", "a\u200Bb", "a\u202Eb", "😀", "bob@x",
            "\u0301a", "a\u00A0b", "<script>"})
    void refusesEverythingElse(String name) {
        assertEquals(Optional.empty(), Names.username(name));
    }

    @Test
    void countsCodePointsNotCharsUpToThirtyTwo() {
        String script = "\uD835\uDC9C"; // MATHEMATICAL SCRIPT CAPITAL A, a letter outside the BMP
        assertTrue(Names.username(script.repeat(32)).isPresent());
        assertFalse(Names.username(script.repeat(33)).isPresent());
        assertTrue(Names.username("a".repeat(32)).isPresent());
        assertFalse(Names.username("a".repeat(33)).isPresent());
        assertFalse(Names.username(null).isPresent());
    }

    @Test
    void foldsCaseAndCompatibilityFormsForComparison() {
        assertEquals(Names.key("bob"), Names.key("Bob"));
        assertEquals(Names.key("bob"), Names.key("BOB"));
        assertEquals(Names.key("bob"), Names.key("Ｂｏｂ"));
        assertEquals(Names.key("strasse"), Names.key("Straße"));
        assertNotEquals(Names.key("bob"), Names.key("bobby"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"imposter\uFE0F", "imposter2\u034F", "\u3164", "\u3164\u3164", "a\u3164", "\uFFA0",
            "\u115F\u1160", "bob\u200D", "bob\u200C", "bob\u2060", "bob\uFE00", "bob\uDB40\uDD00", "\u0301",
            "a\u0301\u0302\u0303\u0304\u0306\u0307", "___", "-.-", "\u180E", "bob\u00AD", "\u2800"})
    void refusesInvisibleAndBlankNames(String name) {
        assertEquals(Optional.empty(), Names.username(name), "U+" + Integer.toHexString(name.codePointAt(0)));
    }

    @Test
    void acceptsAFewCombiningMarksAfterALetter() {
        assertTrue(Names.username("Nguy\u1EC5n").isPresent());
        assertTrue(Names.username("a\u0301\u0302\u0303\u0304").isPresent());
    }

    /** Whether two names clash, as the backplane compares them: any key of one equal to the same key of the other. */
    private static boolean clash(String a, String b) {
        return Names.key(a).equals(Names.key(b)) || Names.lookAlikeKey(a).equals(Names.lookAlikeKey(b));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Imposter", "IMPOSTER", "imp0ster", "\u0456mposter", "imposteｒ", "ｉｍｐｏｓｔｅｒ",
            "impοster", "\u0399mposter", "irnposter"})
    void makesLookAlikesClash(String lookAlike) {
        // U+0456 Cyrillic i, U+03BF Greek omicron, U+0399 Greek capital iota; rn looks like m
        assertTrue(clash("imposter", lookAlike), lookAlike);
    }

    @Test
    void makesLookAlikesAcrossCaseClash() {
        assertTrue(clash("Bill", "BiII"), "capital i for small L");
        assertTrue(clash("Harry", "\u0397arry"), "Greek capital eta for H");
        assertTrue(clash("Kevin", "\u039Aevin"), "Greek capital kappa for K");
        assertTrue(clash("lmposter", "Imposter"), "small L for capital i");
    }

    @Test
    void keepsNamesThatLookDifferentApart() {
        for (String[] pair : new String[][] {{"alice", "alicia"}, {"bob1", "bob2"}, {"李小龍", "李小虎"}, {"ali", "all"},
                {"anna", "arma"}, {"zoë", "zoe"}}) {
            assertFalse(clash(pair[0], pair[1]), pair[0] + " and " + pair[1]);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lobby", "a", "0", "room-1", "abcdefghijklmnopqrstuvwxyz012345"})
    void acceptsRoomNames(String room) {
        assertTrue(Names.isRoom(room));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Lobby", "-lobby", "a_b", "é", "a b", "abcdefghijklmnopqrstuvwxyz0123456", "lobby\n"})
    void refusesOtherRoomNames(String room) {
        assertFalse(Names.isRoom(room));
    }
}
