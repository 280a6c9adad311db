package dev.parley.backplane.redis;

/**
 * The checks-then-changes of the Redis backplane, each one Lua script so that Redis runs it atomically: two servers
 * can never both take a name, both publish a member's {@code userconnect}, or both let a use through a full window.
 * Every script starts with {@link #PRELUDE}, so each shared rule is written once, in Lua.
 *
 * <p>Stored forms (keys in {@link RedisKeys}): a seat maps a name's key to its token's hash, and the look-alike key
 * to the name's key; a token's hash holds {@code room, username, key, alike}; a connected member maps its key to
 * {@code "<since millis> <username>"} ({@code connected_username} reads it); an event is a stream entry with
 * {@code n} (the room's sequence number), {@code t} (type), {@code u} (username), {@code m} (millis) and: for a
 * message, {@code a} (its author's tag) and, when traces are recorded, {@code tp} (its span's traceparent), its text being in the room's texts hash ({@link RedisKeys#texts}), where a
 * delete can remove it; for an edit or a delete, {@code g} (the message's id) and for a moderator's delete {@code b}.
 */
final class RedisScripts {

    private RedisScripts() {
    }

    /** The functions every script may call. */
    static final String PRELUDE = """
            -- appends an event under the room's next sequence number, keeping the newest maxlen entries (and only their
            -- texts); fields: more field-value pairs of the entry. Returns the entry's id
            local function append(events, sequence, texts, maxlen, kind, username, millis, fields)
              local limit = tonumber(maxlen)
              local over = redis.call('XLEN', events) - limit + 1
              if over > 0 then
                for _, entry in ipairs(redis.call('XRANGE', events, '-', '+', 'COUNT', over)) do
                  redis.call('HDEL', texts, entry[1])
                end
              end
              local n = redis.call('INCR', sequence)
              return redis.call('XADD', events, 'MAXLEN', limit, '*', 'n', n, 't', kind, 'u', username, 'm', millis,
                                unpack(fields or {}))
            end
            -- the retained message with this id, as a table of its fields (with its stored text), or nil
            local function message(events, texts, id)
              local found = redis.call('XRANGE', events, id, id)
              local entry = found[1]
              if not entry or entry[1] ~= id then return nil end
              local fields = {}
              for i = 1, #entry[2], 2 do fields[entry[2][i]] = entry[2][i + 1] end
              if fields.t ~= 'usermessage' then return nil end
              fields.stored = redis.call('HGET', texts, id) or ''
              return fields
            end
            -- whether the token hash in this seat speaks for this username
            local function holds(token_prefix, token_hash, username)
              return token_hash and redis.call('HGET', token_prefix .. token_hash, 'username') == username
            end
            local function connected_username(value)
              return string.sub(value, string.find(value, ' ') + 1)
            end
            """;

    /**
     * KEYS rooms, seats, lookalikes, active, token, client's names, touched, events, sequence, texts. ARGV room, key, alike,
     * tokenHash, username, now, maxRooms, client, maxNamesOfClient, lobby. A room made again keeps the history it
     * had, which no longer expires. Returns the {@link dev.parley.backplane.control.Seats.Outcome} by name.
     */
    static final String TAKE = PRELUDE + """
            if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 0 and ARGV[1] ~= ARGV[10]
               and redis.call('SCARD', KEYS[1]) >= tonumber(ARGV[7]) then
              return 'TOO_MANY_ROOMS'
            end
            if redis.call('HEXISTS', KEYS[2], ARGV[2]) == 1 or redis.call('HEXISTS', KEYS[3], ARGV[3]) == 1 then
              return 'NAME_TAKEN'
            end
            if redis.call('SCARD', KEYS[6]) >= tonumber(ARGV[9]) then
              return 'CLIENT_FULL'
            end
            redis.call('HSET', KEYS[2], ARGV[2], ARGV[4])
            redis.call('HSET', KEYS[3], ARGV[3], ARGV[2])
            if redis.call('SADD', KEYS[1], ARGV[1]) == 1 then
              redis.call('PERSIST', KEYS[8])
              redis.call('PERSIST', KEYS[9])
              redis.call('PERSIST', KEYS[10])
            end
            redis.call('SET', KEYS[7], ARGV[6])
            redis.call('ZADD', KEYS[4], ARGV[6], ARGV[2])
            redis.call('HSET', KEYS[5], 'room', ARGV[1], 'username', ARGV[5], 'key', ARGV[2], 'alike', ARGV[3],
                       'client', ARGV[8])
            redis.call('SADD', KEYS[6], ARGV[4])
            return 'TAKEN'
            """;

    /**
     * Frees a name with its token. KEYS seats, lookalikes, active. ARGV key, alike, username, token key prefix,
     * cutoff (free only if idle since before it; empty: always), client names key prefix. Returns 1 when freed.
     */
    static final String FREE = PRELUDE + """
            local token_hash = redis.call('HGET', KEYS[1], ARGV[1])
            if not holds(ARGV[4], token_hash, ARGV[3]) then return 0 end
            local client = redis.call('HGET', ARGV[4] .. token_hash, 'client')
            if ARGV[5] ~= '' then
              local active = redis.call('ZSCORE', KEYS[3], ARGV[1])
              if active and tonumber(active) >= tonumber(ARGV[5]) then return 0 end
            end
            redis.call('HDEL', KEYS[1], ARGV[1])
            redis.call('HDEL', KEYS[2], ARGV[2])
            redis.call('ZREM', KEYS[3], ARGV[1])
            redis.call('DEL', ARGV[4] .. token_hash)
            if client then redis.call('SREM', ARGV[6] .. client, token_hash) end
            return 1
            """;

    /** A sliding window of use times. KEYS window. ARGV now, window millis, limit, a unique member. */
    static final String ADMIT = """
            local now = tonumber(ARGV[1])
            local window = tonumber(ARGV[2])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
            if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
              local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
              return tonumber(oldest[2]) + window - now
            end
            redis.call('ZADD', KEYS[1], now, ARGV[4])
            redis.call('PEXPIRE', KEYS[1], window)
            return 0
            """;

    /**
     * This server holds the member until a time; the member is active now. KEYS seats, active, hold.
     * ARGV key, username, server, until, now, token key prefix. Returns 0 when the member no longer holds its name.
     */
    static final String HOLD = PRELUDE + """
            if not holds(ARGV[6], redis.call('HGET', KEYS[1], ARGV[1]), ARGV[2]) then return 0 end
            redis.call('ZADD', KEYS[2], ARGV[5], ARGV[1])
            redis.call('ZADD', KEYS[3], ARGV[4], ARGV[3])
            local last = redis.call('ZRANGE', KEYS[3], -1, -1, 'WITHSCORES')
            redis.call('PEXPIREAT', KEYS[3], last[2])
            return 1
            """;

    /** This server has streams in the room until a time. KEYS holds. ARGV server, until. */
    static final String HOLD_ROOM = """
            redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
            local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
            redis.call('PEXPIREAT', KEYS[1], last[2])
            return 1
            """;

    /**
     * Frees an idle room: no name, no hold, nothing since the cutoff (its last name taken, or its newest event, whose
     * id is its time). Its history then expires after ttl. KEYS rooms, seats, lookalikes, active, connected, holds,
     * touched, events, sequence, texts. ARGV room, now, cutoff, ttl millis. Returns 1 when freed.
     */
    static final String FREE_ROOM = """
            if redis.call('HLEN', KEYS[2]) > 0 then return 0 end
            redis.call('ZREMRANGEBYSCORE', KEYS[6], '-inf', ARGV[2])
            if redis.call('ZCARD', KEYS[6]) > 0 then return 0 end
            local touched = tonumber(redis.call('GET', KEYS[7]) or '0')
            local newest = redis.call('XREVRANGE', KEYS[8], '+', '-', 'COUNT', 1)
            if newest[1] then
              local millis = tonumber(string.match(newest[1][1], '^(%d+)'))
              if millis > touched then touched = millis end
            end
            if touched >= tonumber(ARGV[3]) then return 0 end
            redis.call('SREM', KEYS[1], ARGV[1])
            redis.call('DEL', KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7])
            redis.call('PEXPIRE', KEYS[8], ARGV[4])
            redis.call('PEXPIRE', KEYS[9], ARGV[4])
            redis.call('PEXPIRE', KEYS[10], ARGV[4])
            return 1
            """;

    /**
     * A message, once per author and key when it has one. KEYS events, sequence, texts, keyed. ARGV maxlen, username,
     * now, author, text, key lifetime millis ('' without a key), text digest, traceparent ('' for none). Returns
     * {@code "new <id>"}, or for a key used before {@code "<id> <millis> <digest>"} of its first post.
     */
    static final String POST = PRELUDE + """
            if ARGV[6] ~= '' then
              local first = redis.call('GET', KEYS[4])
              if first then return first end
            end
            local fields = {'a', ARGV[4]}
            if ARGV[8] ~= '' then fields = {'a', ARGV[4], 'tp', ARGV[8]} end
            local id = append(KEYS[1], KEYS[2], KEYS[3], ARGV[1], 'usermessage', ARGV[2], ARGV[3], fields)
            redis.call('HSET', KEYS[3], id, ':' .. ARGV[5])
            if ARGV[6] ~= '' then
              redis.call('SET', KEYS[4], id .. ' ' .. ARGV[3] .. ' ' .. ARGV[7], 'PX', ARGV[6])
            end
            return 'new ' .. id
            """;

    /**
     * The author's edit of a message posted at or after a time. KEYS events, sequence, texts. ARGV maxlen, message id,
     * author, text, now, editable since (millis). Returns a {@link dev.parley.backplane.control.Messages.Refusal} by
     * name, or {@code "OK <edit's id> <message's millis> <username>"}.
     */
    static final String EDIT = PRELUDE + """
            local m = message(KEYS[1], KEYS[3], ARGV[2])
            if not m then return 'UNKNOWN' end
            if m.a ~= ARGV[3] then return 'NOT_AUTHOR' end
            if string.sub(m.stored, 1, 1) == 'x' then return 'DELETED' end
            if tonumber(m.m) < tonumber(ARGV[6]) then return 'TOO_OLD' end
            -- first, as the edit's own append may trim the message, and its text with it
            redis.call('HSET', KEYS[3], ARGV[2], ARGV[5] .. ':' .. ARGV[4])
            local id = append(KEYS[1], KEYS[2], KEYS[3], ARGV[1], 'messageedit', m.u, ARGV[5], {'g', ARGV[2]})
            return 'OK ' .. id .. ' ' .. m.m .. ' ' .. m.u
            """;

    /**
     * The author's (or, for author '', a moderator's) delete of a message: its text is replaced by a tombstone.
     * KEYS events, sequence, texts. ARGV maxlen, message id, author, now, by ('' for the author). Returns as {@link
     * #EDIT} does.
     */
    static final String DELETE = PRELUDE + """
            local m = message(KEYS[1], KEYS[3], ARGV[2])
            if not m then return 'UNKNOWN' end
            if ARGV[3] ~= '' and m.a ~= ARGV[3] then return 'NOT_AUTHOR' end
            if string.sub(m.stored, 1, 1) == 'x' then return 'DELETED' end
            redis.call('HSET', KEYS[3], ARGV[2], 'x' .. ARGV[4] .. ':' .. ARGV[5])
            local fields = {'g', ARGV[2]}
            if ARGV[5] ~= '' then fields = {'g', ARGV[2], 'b', ARGV[5]} end
            local id = append(KEYS[1], KEYS[2], KEYS[3], ARGV[1], 'messagedelete', m.u, ARGV[4], fields)
            return 'OK ' .. id .. ' ' .. m.m .. ' ' .. m.u
            """;

    /** KEYS connected, events, sequence, texts. ARGV key, now, username, maxlen. Returns the userconnect's id, or nil. */
    static final String CONNECT = PRELUDE + """
            if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2] .. ' ' .. ARGV[3]) == 0 then return false end
            return append(KEYS[2], KEYS[3], KEYS[4], ARGV[4], 'userconnect', ARGV[3], ARGV[2], nil)
            """;

    /**
     * Unless a server still holds the member (force '0'), marks it disconnected and appends userdisconnect.
     * KEYS connected, hold, events, sequence, texts. ARGV key, now, force, maxlen. Returns {id, username}, or {}.
     */
    static final String DISCONNECT = PRELUDE + """
            if ARGV[3] == '0' then
              redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[2])
              if redis.call('ZCARD', KEYS[2]) > 0 then return {} end
            end
            redis.call('DEL', KEYS[2])
            local value = redis.call('HGET', KEYS[1], ARGV[1])
            if not value then return {} end
            redis.call('HDEL', KEYS[1], ARGV[1])
            local username = connected_username(value)
            return {append(KEYS[3], KEYS[4], KEYS[5], ARGV[4], 'userdisconnect', username, ARGV[2], nil), username}
            """;

    /** A ban, kept until the last ban of the room ends. KEYS bans. ARGV key, ban as JSON (with until in millis). */
    static final String BAN = """
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            local latest = 0
            for _, value in ipairs(redis.call('HVALS', KEYS[1])) do
              local ends = cjson.decode(value)['until']
              if ends > latest then latest = ends end
            end
            redis.call('PEXPIREAT', KEYS[1], latest)
            return 1
            """;
}
