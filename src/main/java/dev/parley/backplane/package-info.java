/**
 * Where room state lives and how events travel between servers. Five narrow seams, each in {@code control} with its
 * guarantees: {@link dev.parley.backplane.control.Seats} (names and tokens), {@link dev.parley.backplane.control.Attendance}
 * (who is connected, held by which server), {@link dev.parley.backplane.control.History} (each room's ordered,
 * retained events and their delivery here), {@link dev.parley.backplane.control.RateWindows} (sliding windows by name)
 * and {@link dev.parley.backplane.control.BackplaneStatus}. {@code memory} implements them in this process,
 * {@code redis} in one Redis or a Redis Cluster shared by any number of servers (the same keys and scripts, each
 * room on one shard); {@link dev.parley.backplane.Backplanes} picks one.
 * Rules (who may join, grace periods, rate limits) are not here: they belong to {@code rooms}. Time is always
 * passed in; nothing here reads a clock.
 */
package dev.parley.backplane;
