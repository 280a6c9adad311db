package dev.parley.backplane.redis;

/**
 * The checks-then-changes of the Redis backplane, each one Lua script so that Redis runs it atomically: two servers
 * can never both take a name, both publish a member's {@code userconnect}, or both let a use through a full window.
 * Every script starts with {@link #PRELUDE}, so each shared rule is written once, in Lua.
 *
 * Every script touches the keys of one room only (or one key that spans rooms), all declared in KEYS, so that each
 * runs in one slot of a Redis Cluster; what spans rooms (the room list, a client's names) is changed by separate
 * commands before or after, in an order that the sweepers can reconcile ({@link RedisSeats}, {@link RedisDirectory}).
 *
 * <p>Stored forms (keys in {@link RedisKeys}): a seat maps a name's key to its token's hash, and the look-alike key
 * to the name's key; the room's tokens hash maps a token's hash to {@code "<username>\n<key>\n<alike>\n<client>"}
 * (names, keys and addresses hold no line break); a connected member maps its key to
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
            -- the shard channel on which an append is announced (a cluster's feed listens), '' for none: the last
            -- argument of every script that appends (RedisConnection.append passes it)
            local announce = ARGV[#ARGV]
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
              local id = redis.call('XADD', events, 'MAXLEN', limit, '*', 'n', n, 't', kind, 'u', username, 'm', millis,
                                    unpack(fields or {}))
              if announce ~= '' then redis.call('SPUBLISH', announce, id) end
              return id
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
            -- whether the token hash in this seat speaks for this username (tokens: the room's tokens hash)
            local function holds(tokens, token_hash, username)
              if not token_hash then return false end
              local token = redis.call('HGET', tokens, token_hash)
              return token and string.match(token, '^([^\\n]*)') == username
            end
            local function connected_username(value)
              return string.sub(value, string.find(value, ' ') + 1)
            end
            """;

    /**
     * Admits a room to the room list (a key of its own, on its own shard in a cluster): an existing room, the lobby,
     * or a new one while there are fewer than the limit. KEYS rooms. ARGV room, maxRooms, lobby. Returns 0 when
     * refused, 1 when listed before, 2 when listed now.
     */
    static final String ADMIT_ROOM = """
            if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return 1 end
            if ARGV[1] ~= ARGV[3] and redis.call('SCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
            redis.call('SADD', KEYS[1], ARGV[1])
            return 2
            """;

    /**
     * Reserves one of a client's names for a token before the name is taken (a key of its own: the client's names span
     * rooms, so shards). KEYS client's names. ARGV tokenHash, maxNamesOfClient, {@code "<room> <millis>"}. Returns 0
     * when the client has its maximum, 1 when the token was reserved before, 2 when reserved now.
     */
    static final String RESERVE = """
            if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return 1 end
            if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
            return 2
            """;

    /**
     * Takes a name in a room, all of whose keys share its slot. KEYS seats, lookalikes, active, tokens, touched, events,
     * sequence, texts, listed. ARGV key, alike, tokenHash, username, now, client. A room made again keeps the history
     * it had, which no longer expires. Returns {@code TAKEN} or {@code NAME_TAKEN}.
     */
    static final String TAKE = PRELUDE + """
            if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 or redis.call('HEXISTS', KEYS[2], ARGV[2]) == 1 then
              return 'NAME_TAKEN'
            end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
            redis.call('HSET', KEYS[2], ARGV[2], ARGV[1])
            if redis.call('SET', KEYS[9], '1', 'NX') then
              redis.call('PERSIST', KEYS[6])
              redis.call('PERSIST', KEYS[7])
              redis.call('PERSIST', KEYS[8])
            end
            redis.call('SET', KEYS[5], ARGV[5])
            redis.call('ZADD', KEYS[3], ARGV[5], ARGV[1])
            redis.call('HSET', KEYS[4], ARGV[3], ARGV[4] .. '\\n' .. ARGV[1] .. '\\n' .. ARGV[2] .. '\\n' .. ARGV[6])
            return 'TAKEN'
            """;

    /**
     * Frees a name with its token. KEYS seats, lookalikes, active, tokens. ARGV key, alike, username, cutoff (free only
     * if idle since before it; empty: always). Returns {@code "<token hash>\n<client>"} when freed, else nil: the
     * caller then frees the client's name, which is kept elsewhere.
     */
    static final String FREE = PRELUDE + """
            local token_hash = redis.call('HGET', KEYS[1], ARGV[1])
            if not holds(KEYS[4], token_hash, ARGV[3]) then return false end
            if ARGV[4] ~= '' then
              local active = redis.call('ZSCORE', KEYS[3], ARGV[1])
              if active and tonumber(active) >= tonumber(ARGV[4]) then return false end
            end
            local token = redis.call('HGET', KEYS[4], token_hash)
            redis.call('HDEL', KEYS[1], ARGV[1])
            redis.call('HDEL', KEYS[2], ARGV[2])
            redis.call('ZREM', KEYS[3], ARGV[1])
            redis.call('HDEL', KEYS[4], token_hash)
            return token_hash .. '\\n' .. string.match(token, '([^\\n]*)$')
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
     * This server holds the member until a time; the member is active now. KEYS seats, active, hold, tokens.
     * ARGV key, username, server, until, now. Returns 0 when the member no longer holds its name.
     */
    static final String HOLD = PRELUDE + """
            if not holds(KEYS[4], redis.call('HGET', KEYS[1], ARGV[1]), ARGV[2]) then return 0 end
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
     * id is its time). Its history then expires after ttl. KEYS listed, seats, lookalikes, active, connected, holds,
     * touched, events, sequence, texts, tokens. ARGV now, cutoff, ttl millis. Returns 1 when freed: the caller then
     * takes it off the room list, which is kept elsewhere.
     */
    static final String FREE_ROOM = """
            if redis.call('HLEN', KEYS[2]) > 0 then return 0 end
            redis.call('ZREMRANGEBYSCORE', KEYS[6], '-inf', ARGV[1])
            if redis.call('ZCARD', KEYS[6]) > 0 then return 0 end
            local touched = tonumber(redis.call('GET', KEYS[7]) or '0')
            local newest = redis.call('XREVRANGE', KEYS[8], '+', '-', 'COUNT', 1)
            if newest[1] then
              local millis = tonumber(string.match(newest[1][1], '^(%d+)'))
              if millis > touched then touched = millis end
            end
            if touched >= tonumber(ARGV[2]) then return 0 end
            redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7], KEYS[11])
            redis.call('PEXPIRE', KEYS[8], ARGV[3])
            redis.call('PEXPIRE', KEYS[9], ARGV[3])
            redis.call('PEXPIRE', KEYS[10], ARGV[3])
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
