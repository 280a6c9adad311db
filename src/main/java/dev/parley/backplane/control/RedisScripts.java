package dev.parley.backplane.control;

/**
 * The checks-then-changes of the Redis backplane, each one Lua script so that Redis runs it atomically: two
 * servers can never both take a name, both publish a member's {@code userconnect}, or both let a post through a
 * full window. Values in hashes are space-separated: usernames, room names and token hashes contain no spaces.
 */
final class RedisScripts {

    private RedisScripts() {
    }

    /** KEYS rooms, seats, active, token. ARGV room, key, tokenHash, username, now, maxRooms. */
    static final String JOIN = """
            if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 0
               and redis.call('SCARD', KEYS[1]) >= tonumber(ARGV[6]) then
              return 'TOO_MANY_ROOMS'
            end
            if redis.call('HSETNX', KEYS[2], ARGV[2], ARGV[3] .. ' ' .. ARGV[4]) == 0 then
              return 'NAME_TAKEN'
            end
            redis.call('SADD', KEYS[1], ARGV[1])
            redis.call('ZADD', KEYS[3], ARGV[5], ARGV[2])
            redis.call('SET', KEYS[4], ARGV[1] .. ' ' .. ARGV[4] .. ' ' .. ARGV[2])
            return 'JOINED'
            """;

    /**
     * Frees a name, with its token and post window. KEYS seats, active, posts. ARGV key, username (the holder's),
     * token key prefix, cutoff (free only if idle since before it; empty: always). Returns 1 when freed.
     */
    static final String LEAVE = """
            local seat = redis.call('HGET', KEYS[1], ARGV[1])
            if not seat then return 0 end
            local space = string.find(seat, ' ')
            if string.sub(seat, space + 1) ~= ARGV[2] then return 0 end
            if ARGV[4] ~= '' then
              local active = redis.call('ZSCORE', KEYS[2], ARGV[1])
              if active and tonumber(active) >= tonumber(ARGV[4]) then return 0 end
            end
            redis.call('HDEL', KEYS[1], ARGV[1])
            redis.call('ZREM', KEYS[2], ARGV[1])
            redis.call('DEL', KEYS[3])
            redis.call('DEL', ARGV[3] .. string.sub(seat, 1, space - 1))
            return 1
            """;

    /** A sliding window of post times. KEYS posts. ARGV now, window millis, messages, a unique member. */
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
     * ARGV key, username, server, until, now. Returns 0 when the member is no longer joined.
     */
    static final String HOLD = """
            local seat = redis.call('HGET', KEYS[1], ARGV[1])
            if not seat or string.sub(seat, string.find(seat, ' ') + 1) ~= ARGV[2] then return 0 end
            redis.call('ZADD', KEYS[2], ARGV[5], ARGV[1])
            redis.call('ZADD', KEYS[3], ARGV[4], ARGV[3])
            local last = redis.call('ZRANGE', KEYS[3], -1, -1, 'WITHSCORES')
            redis.call('PEXPIREAT', KEYS[3], last[2])
            return 1
            """;

    /**
     * Appends an event with the room's next sequence number {@code n}, so a reader can tell when entries it never
     * read were trimmed. KEYS events, sequence. ARGV maxlen, type, username, now, text ('' for none). Returns the id.
     */
    static final String PUBLISH = """
            local n = redis.call('INCR', KEYS[2])
            if ARGV[5] == '' then
              return redis.call('XADD', KEYS[1], 'MAXLEN', ARGV[1], '*', 'n', n, 't', ARGV[2], 'u', ARGV[3], 'm', ARGV[4])
            end
            return redis.call('XADD', KEYS[1], 'MAXLEN', ARGV[1], '*', 'n', n, 't', ARGV[2], 'u', ARGV[3], 'm', ARGV[4], 'x', ARGV[5])
            """;

    /** KEYS connected, events, sequence. ARGV key, now, username, maxlen. Returns the userconnect's id, or nil. */
    static final String CONNECT = """
            if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2] .. ' ' .. ARGV[3]) == 0 then return false end
            local n = redis.call('INCR', KEYS[3])
            return redis.call('XADD', KEYS[2], 'MAXLEN', ARGV[4], '*', 'n', n, 't', 'userconnect', 'u', ARGV[3], 'm', ARGV[2])
            """;

    /**
     * Unless a server still holds the member (force '0'), marks it disconnected and publishes userdisconnect.
     * KEYS connected, hold, events, sequence. ARGV key, now, force, maxlen. Returns {id, username}, or {}.
     */
    static final String DISCONNECT = """
            if ARGV[3] == '0' then
              redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[2])
              if redis.call('ZCARD', KEYS[2]) > 0 then return {} end
            end
            redis.call('DEL', KEYS[2])
            local value = redis.call('HGET', KEYS[1], ARGV[1])
            if not value then return {} end
            redis.call('HDEL', KEYS[1], ARGV[1])
            local username = string.sub(value, string.find(value, ' ') + 1)
            local n = redis.call('INCR', KEYS[4])
            local id = redis.call('XADD', KEYS[3], 'MAXLEN', ARGV[4], '*', 'n', n, 't', 'userdisconnect', 'u', username, 'm', ARGV[2])
            return {id, username}
            """;
}
