package dev.parley.rooms.control;

import dev.parley.backplane.control.AuditLog;
import dev.parley.backplane.control.Messages;
import dev.parley.backplane.control.RoomRules;
import dev.parley.backplane.control.Seats;
import dev.parley.chat.EventIds;
import dev.parley.chat.Member;
import dev.parley.chat.Names;
import dev.parley.problems.Problems;
import dev.parley.rooms.entity.AuditRecord;
import dev.parley.rooms.entity.BanRequest;
import dev.parley.rooms.entity.Banned;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * What moderators do to a room: kick, ban and lift a ban, delete any message, set slow mode; and the audit trail of
 * each, in the backplane's audit log and in the server log. Who may is the container's decision ({@code
 * @RolesAllowed} on the resource); what the request may ask for is decided here.
 */
@ApplicationScoped
public class Moderation {

    private static final Logger LOG = Logger.getLogger(Moderation.class.getName());

    private final Seats seats;
    private final Presence presence;
    private final Messages messages;
    private final RoomRules rules;
    private final AuditLog audit;
    private final ModerationSettings settings;
    private final Clock clock;

    @Inject
    public Moderation(Seats seats, Presence presence, Messages messages, RoomRules rules, AuditLog audit,
                      ModerationSettings settings, Clock clock) {
        this.seats = seats;
        this.presence = presence;
        this.messages = messages;
        this.rules = rules;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    protected Moderation() {
        // for the CDI client proxy only
        this(null, null, null, null, null, null, null);
    }

    /**
     * Closes every stream of the member (here at once, on other servers at their next heartbeat), emits its
     * {@code userdisconnect} once, and frees its name.
     */
    public void kick(String actor, String room, String username) {
        Seats.Seat seat = seat(room, username).orElseThrow(() -> Problems.notFound("unknown-member",
                "Nobody holds that name in this room."));
        presence.leave(seat.member());
        record(actor, "kick", room, seat.member().username(), null, null);
    }

    /** Bans the name (and, if asked, the member's address) from the room, and kicks whoever holds it. */
    public Banned ban(String actor, String room, BanRequest request) {
        String username = Names.username(request.username()).orElseThrow(() -> Problems.badRequest("invalid-username",
                "username is not a name anyone can hold."));
        if (request.seconds() < 1 || request.seconds() > settings.maxBan().toSeconds()) {
            throw Problems.badRequest("invalid-seconds", "seconds must be from 1 to " + settings.maxBan().toSeconds() + ".");
        }
        String reason = reason(request.reason());
        Optional<Seats.Seat> seat = seat(room, username);
        boolean address = Boolean.TRUE.equals(request.address());
        if (address && seat.isEmpty()) {
            throw Problems.conflict("no-address", "No address to ban",
                    "Nobody holds that name now, so there is no address to ban; ban the name alone.");
        }
        Member member = seat.map(Seats.Seat::member).orElseGet(() -> Member.of(room, username));
        Instant now = clock.instant();
        Instant until = now.plusSeconds(request.seconds());
        rules.ban(new RoomRules.Ban(room, member.username(), member.key(), member.lookAlikeKey(),
                address ? seat.get().client() : null, reason, until, actor));
        seat.ifPresent(held -> presence.leave(held.member()));
        record(actor, "ban", room, member.username(), reason, "until " + until + (address ? ", with its address" : ""));
        return new Banned(member.username(), reason, until, address, actor);
    }

    public List<Banned> bans(String room) {
        return rules.bans(room, clock.instant()).stream()
                .map(ban -> new Banned(ban.username(), ban.reason(), ban.until(), ban.client() != null, ban.by()))
                .toList();
    }

    public void lift(String actor, String room, String username) {
        if (!rules.lift(room, Names.key(username), clock.instant())) {
            throw Problems.notFound("unknown-ban", "That name is not banned from this room.");
        }
        record(actor, "unban", room, username, null, null);
    }

    /** Deletes any message; the {@code messagedelete} says a moderator did. Deleted already: nothing to do. */
    public void delete(String actor, String room, String messageId) {
        if (!EventIds.isWellFormed(messageId)) {
            throw ChatRooms.unknownMessage();
        }
        Messages.Change change = messages.delete(room, messageId, null, clock.instant());
        if (change.refusal() == Messages.Refusal.UNKNOWN) {
            throw ChatRooms.unknownMessage();
        }
        if (change.refusal() == null) {
            record(actor, "delete", room, messageId, null, "by " + change.message().username());
        }
    }

    public int slowMode(String room) {
        return (int) rules.slowMode(room).toSeconds();
    }

    public int slowMode(String actor, String room, int seconds) {
        if (seconds < 0 || seconds > settings.maxSlowMode().toSeconds()) {
            throw Problems.badRequest("invalid-seconds",
                    "seconds must be from 0 (off) to " + settings.maxSlowMode().toSeconds() + ".");
        }
        rules.slowMode(room, Duration.ofSeconds(seconds));
        record(actor, "slow-mode", room, room, null, seconds == 0 ? "off" : seconds + " s");
        return seconds;
    }

    public List<AuditRecord> audit(String limit) {
        int count;
        try {
            count = limit == null ? 50 : Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            count = 0;
        }
        if (count < 1 || count > settings.auditPageMax()) {
            throw Problems.badRequest("invalid-limit", "limit must be a whole number from 1 to " + settings.auditPageMax() + ".");
        }
        return audit.latest(count).stream().map(entry -> new AuditRecord(entry.time(), entry.actor(), entry.action(),
                entry.room(), entry.target(), entry.reason(), entry.detail())).toList();
    }

    private Optional<Seats.Seat> seat(String room, String username) {
        return Names.username(username).flatMap(name -> seats.seat(room, Names.key(name)));
    }

    private String reason(String raw) {
        String reason = raw == null ? "" : raw.strip();
        if (reason.isEmpty() || reason.codePointCount(0, reason.length()) > settings.maxReason()
                || reason.codePoints().anyMatch(Character::isISOControl)) {
            throw Problems.badRequest("invalid-reason", "reason must be 1 to " + settings.maxReason()
                    + " characters on one line.");
        }
        return reason;
    }

    /** Appended to the audit log and written to the server log: who did what to whom; never a secret or an address. */
    private void record(String actor, String action, String room, String target, String reason, String detail) {
        audit.append(new AuditLog.Entry(clock.instant(), actor, action, room, target, reason, detail));
        // a login name comes from the registry or a host's JWT: one line of it only, so no log line can be forged
        String who = actor.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        LOG.info(() -> "Moderation: " + who + " " + action + " in " + room + ": " + target
                + (detail == null ? "" : " (" + detail + ")") + (reason == null ? "" : " because " + reason));
    }
}
