package dev.parley.chat;

import java.util.Locale;

public enum EventType {
    USERCONNECT, USERMESSAGE, USERDISCONNECT;

    /** The SSE {@code event:} name. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EventType ofWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
