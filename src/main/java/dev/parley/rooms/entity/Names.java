package dev.parley.rooms.entity;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The rules for room names and usernames (API.md, "Names"). */
public final class Names {

    public static final int MAX_USERNAME_CODE_POINTS = 32;
    private static final Pattern ROOM = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    private Names() {
    }

    public static boolean isRoom(String room) {
        return room != null && ROOM.matcher(room).matches();
    }

    /**
     * The username as it is shown: trimmed and composed (NFC); empty when it breaks the rules.
     * Combining marks are accepted after a letter or digit: many scripts cannot write a name without them.
     */
    public static Optional<String> username(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String name = Normalizer.normalize(raw.strip(), Normalizer.Form.NFC);
        int length = name.codePointCount(0, name.length());
        if (length < 1 || length > MAX_USERNAME_CODE_POINTS) {
            return Optional.empty();
        }
        boolean afterLetter = false;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                afterLetter = true;
            } else if (isMark(cp) && afterLetter) {
                continue;
            } else if (cp == '_' || cp == '-' || cp == '.') {
                afterLetter = false;
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(name);
    }

    /**
     * The form two usernames are compared in: compatibility-normalised (so full-width {@code Ｂｏｂ} is {@code Bob})
     * and case-folded (upper then lower, so {@code ß} meets {@code SS}).
     */
    public static String key(String username) {
        String compatible = Normalizer.normalize(username, Normalizer.Form.NFKC);
        String folded = compatible.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        return Normalizer.normalize(folded, Normalizer.Form.NFKC);
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
    }
}
