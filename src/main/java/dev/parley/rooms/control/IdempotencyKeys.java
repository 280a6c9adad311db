package dev.parley.rooms.control;

import dev.parley.problems.Problems;
import java.util.Optional;

/**
 * The {@code Idempotency-Key} request header (draft-ietf-httpapi-idempotency-key-header): a Structured Field String
 * (RFC 8941, 3.3.3: {@code "…"} of printable ASCII, {@code \"} and {@code \\} escaped). The unquoted form many
 * clients send (a bare run of visible ASCII) is taken too; anything else is a 400, never a silent post without one.
 */
final class IdempotencyKeys {

    private IdempotencyKeys() {
    }

    /** The key's value, empty without the header. */
    static Optional<String> parse(String header, int maxLength) {
        if (header == null) {
            return Optional.empty();
        }
        String raw = header.strip();
        String key = raw.startsWith("\"") ? quoted(raw) : bare(raw);
        if (key == null || key.isEmpty()) {
            throw Problems.badRequest("invalid-idempotency-key", "Idempotency-Key must be a non-empty string of "
                    + "printable ASCII, quoted as a structured field (\"…\") or bare.");
        }
        if (key.length() > maxLength) {
            throw Problems.badRequest("invalid-idempotency-key",
                    "Idempotency-Key is " + key.length() + " characters long; the limit is " + maxLength + ".");
        }
        return Optional.of(key);
    }

    private static String quoted(String raw) {
        StringBuilder key = new StringBuilder(raw.length());
        for (int i = 1; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '"') {
                return i == raw.length() - 1 ? key.toString() : null;
            }
            if (c == '\\') {
                if (++i == raw.length() || (raw.charAt(i) != '"' && raw.charAt(i) != '\\')) {
                    return null;
                }
                c = raw.charAt(i);
            } else if (c < 0x20 || c > 0x7e) {
                return null;
            }
            key.append(c);
        }
        // no closing quote
        return null;
    }

    private static String bare(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c <= 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return null;
            }
        }
        return raw;
    }
}
