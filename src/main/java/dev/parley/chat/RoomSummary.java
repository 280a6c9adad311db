package dev.parley.chat;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.Comparator;

/** A room as listed by {@code GET /api/rooms}, with its connected members. */
@JsonbPropertyOrder({"name", "members"})
public record RoomSummary(String name, int members) {

    /** The order rooms are listed in, on every backplane. */
    public static final Comparator<RoomSummary> ORDER = Comparator.comparing(RoomSummary::name);
}
