package dev.parley.rooms.control;

import dev.parley.problems.Problems;

/** The rules for a message's text. */
final class Texts {

    private Texts() {
    }

    /**
     * The text as it is stored: trimmed, line breaks as {@code \n}. Refused when empty, longer than
     * {@code maxLength} code points, or carrying control characters other than line breaks and tabs
     * (or half of a surrogate pair, which no UTF-8 client can have sent).
     */
    static String message(String raw, int maxLength) {
        String text = raw == null ? "" : raw.strip().replace("\r\n", "\n").replace('\r', '\n');
        if (text.isEmpty()) {
            throw Problems.badRequest("empty-text", "text must not be empty.");
        }
        int length = text.codePointCount(0, text.length());
        if (length > maxLength) {
            throw Problems.badRequest("text-too-long",
                    "text is " + length + " characters long; the limit is " + maxLength + ".");
        }
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            boolean control = Character.getType(cp) == Character.CONTROL && cp != '\n' && cp != '\t';
            if (control || Character.getType(cp) == Character.SURROGATE) {
                throw Problems.badRequest("invalid-text", "text must not contain control characters.");
            }
        }
        return text;
    }
}
