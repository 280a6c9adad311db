package dev.parley.chat;

import jakarta.json.bind.annotation.JsonbDateFormat;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;

/** A connected member as listed by {@code GET …/members}. */
@JsonbPropertyOrder({"username", "since"})
public record MemberSummary(String username, @JsonbDateFormat(value = ChatEvent.TIME_FORMAT, locale = "en") Instant since) {

    /** The order members are listed in, on every backplane: by arrival, then by name. */
    public static final Comparator<MemberSummary> ORDER =
            Comparator.comparing(MemberSummary::since).thenComparing(MemberSummary::username);

    public MemberSummary {
        since = since.truncatedTo(ChronoUnit.MILLIS);
    }
}
