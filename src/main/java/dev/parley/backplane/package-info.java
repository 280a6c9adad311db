/**
 * Where room state lives and how events travel: names and tokens, presence flags, the ordered event log with
 * its ids, and delivery of each new event to this server's streams. {@code memory} keeps it in this process;
 * {@code redis} shares it between servers. Rules (who may join, grace periods, rate limits) are not here:
 * they belong to {@code rooms}.
 */
package dev.parley.backplane;
