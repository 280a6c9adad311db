package dev.parley.rooms.entity;

/**
 * Who a token speaks for.
 *
 * @param key the username folded for comparison, unique within the room
 */
public record Member(String room, String username, String key) {

    public static Member of(String room, String username) {
        return new Member(room, username, Names.key(username));
    }
}
