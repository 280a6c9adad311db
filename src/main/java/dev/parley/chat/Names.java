package dev.parley.chat;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The rules for room names and usernames (docs/API.md, "Names"). Usernames are compared by a key in which every
 * two names that look alike are equal, so nobody can appear under a look-alike of a present member's name.
 */
public final class Names {

    public static final int MAX_USERNAME_CODE_POINTS = 32;
    /** The room the page opens by default: it can always be joined, however many other rooms there are. */
    public static final String LOBBY = "lobby";
    private static final String ME = "me";
    private static final int MAX_MARKS_IN_A_ROW = 4;
    private static final Pattern ROOM = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final Normalizer2 NFC = Normalizer2.getNFCInstance();
    private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();
    // immutable once built, and thread-safe
    private static final SpoofChecker SPOOF = new SpoofChecker.Builder().build();

    private Names() {
    }

    public static boolean isRoom(String room) {
        return room != null && ROOM.matcher(room).matches();
    }

    /**
     * The username as it is shown: trimmed and composed (NFC); empty when it breaks the rules. Letters and digits
     * of any script, {@code _ - .}, and combining marks after a letter or digit (many scripts cannot write a name
     * without them; at most four in a row, so no name spills over its neighbours' lines). Refused: default-ignorable
     * code points (variation selectors, joiners, the Hangul fillers, which are letters that render as nothing),
     * control, format and space characters, and a name without one visible letter or digit.
     */
    public static Optional<String> username(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String name = NFC.normalize(raw.strip());
        int length = name.codePointCount(0, name.length());
        if (length < 1 || length > MAX_USERNAME_CODE_POINTS) {
            return Optional.empty();
        }
        boolean visible = false;
        boolean afterLetter = false;
        int marks = 0;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            if (UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT)) {
                return Optional.empty();
            }
            if (UCharacter.isLetterOrDigit(cp)) {
                afterLetter = true;
                visible = true;
                marks = 0;
            } else if (isMark(cp) && afterLetter && ++marks <= MAX_MARKS_IN_A_ROW) {
                continue;
            } else if (cp == '_' || cp == '-' || cp == '.') {
                afterLetter = false;
                marks = 0;
            } else {
                return Optional.empty();
            }
        }
        // "me" is the path of one's own membership (DELETE …/members/me): no one may be called that in a room
        return visible && !NFKC_CASEFOLD.normalize(name).equals(ME) ? Optional.of(name) : Optional.empty();
    }

    /**
     * The keys a username is compared by; two usernames clash when either key of one equals the same key of the
     * other. {@link #key} makes names equal that differ in case or compatibility form; {@link #lookAlikeKey} makes
     * names equal that look alike even across case. Each is stable for a given ICU version.
     */
    public static List<String> keys(String username) {
        return List.of(key(username), lookAlikeKey(username));
    }

    /**
     * The NFKC case fold, then the UTS #39 skeleton (Unicode's confusable mapping, as ICU's {@link SpoofChecker}
     * applies it), repeated until it no longer changes: {@code Bob}, {@code BOB}, full-width {@code Ｂｏｂ},
     * {@code b0b} and Cyrillic {@code Ьоb} meet.
     */
    public static String key(String username) {
        return fixedPoint(username, name -> SPOOF.getSkeleton(NFKC_CASEFOLD.normalize(name)));
    }

    /**
     * The skeleton first, then the case fold: a capital that looks like another letter (capital i for small L,
     * Greek capital eta for H) is mapped by its look before case folding would map it to its own small letter,
     * so {@code BiII} meets {@code Bill} and {@code Ηarry} meets {@code Harry}. Folding first would part them.
     */
    public static String lookAlikeKey(String username) {
        return fixedPoint(username, name -> NFKC_CASEFOLD.normalize(SPOOF.getSkeleton(name)));
    }

    private static String fixedPoint(String name, UnaryOperator<String> step) {
        String current = name;
        // both steps only ever map towards a smaller repertoire; three rounds reach the end for every name seen
        for (int round = 0; round < 4; round++) {
            String next = step.apply(current);
            if (next.equals(current)) {
                break;
            }
            current = next;
        }
        return current;
    }

    private static boolean isMark(int cp) {
        int type = UCharacter.getType(cp);
        return type == UCharacter.NON_SPACING_MARK || type == UCharacter.COMBINING_SPACING_MARK
                || type == UCharacter.ENCLOSING_MARK;
    }
}
