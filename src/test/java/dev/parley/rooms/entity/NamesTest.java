package dev.parley.rooms.entity;

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
