package dev.parley.chat;

/**
 * Who a token speaks for.
 *
 * @param key          the username folded for comparison ({@link Names#key}), unique within the room
 * @param lookAlikeKey the username by its look across case ({@link Names#lookAlikeKey}), unique within the room too
 */
public record Member(String room, String username, String key, String lookAlikeKey) {

    public static Member of(String room, String username) {
        return new Member(room, username, Names.key(username), Names.lookAlikeKey(username));
    }
}
