package dev.parley.backplane.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.backplane.control.Pages;
import dev.parley.chat.ChatEvent;
import dev.parley.chat.EventType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventLogTest {

    private final EventLog log = new EventLog(5);

    private static ChatEvent event(long id, EventType type) {
        return new ChatEvent("lobby", Long.toString(id), type, "bob", Instant.EPOCH, type == EventType.USERMESSAGE ? "m" + id : null);
    }

    private static List<String> ids(List<ChatEvent> events) {
        return events.stream().map(ChatEvent::id).toList();
    }

    private void fill(long from, long to) {
        for (long id = from; id <= to; id++) {
            log.add(event(id * 10, id % 3 == 0 ? EventType.USERCONNECT : EventType.USERMESSAGE));
        }
    }

    @Test
    void keepsOnlyTheNewestEvents() {
        fill(1, 8);
        assertEquals(List.of("40", "50", "60", "70", "80"), ids(log.latest(100)));
        assertEquals(List.of("70", "80"), ids(log.latest(2)));
    }

    @Test
    void replaysEverythingAfterARetainedId() {
        fill(1, 8);
        assertEquals(List.of("60", "70", "80"), ids(log.after("50").orElseThrow()));
        assertEquals(List.of(), ids(log.after("80").orElseThrow()));
    }

    @Test
    void doesNotKnowTrimmedUnknownOrMalformedIds() {
        fill(1, 8);
        assertEquals(Optional.empty(), log.after("30"));
        assertEquals(Optional.empty(), log.after("55"));
        assertEquals(Optional.empty(), log.after("not-an-id"));
        assertEquals(Optional.empty(), log.after(""));
    }

    private List<ChatEvent> messagesBefore(String id, int count) {
        return Pages.messages(log.newestFirstBefore(id).orElseThrow(), count);
    }

    @Test
    void pagesBackThroughMessagesOnly() {
        fill(1, 5); // 10 m, 20 m, 30 c, 40 m, 50 m
        assertEquals(List.of("40", "50"), ids(messagesBefore(null, 2)));
        assertEquals(List.of("10", "20", "40"), ids(messagesBefore("50", 10)));
        assertEquals(List.of("20"), ids(messagesBefore("30", 1)));
        assertTrue(messagesBefore("10", 5).isEmpty());
        assertEquals(Optional.empty(), log.newestFirstBefore("11"));
    }
}
