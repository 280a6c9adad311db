package dev.parley.chat;

import java.util.Locale;

/** The named events of the stream; docs/API.md lists their data. */
public enum EventType {
    USERCONNECT, USERMESSAGE, USERDISCONNECT, MESSAGEEDIT, MESSAGEDELETE, USERTYPING;

    /** The SSE {@code event:} name. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether events of this type are kept in history and carry an id; the others reach the streams open now only. */
    public boolean isStored() {
        return this != USERTYPING;
    }

    public static EventType ofWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
