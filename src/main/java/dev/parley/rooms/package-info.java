/**
 * Chat rooms: who may join under which name, who is present, what was said and in which order.
 * Rooms decide and record; they never write to a client (that is {@code streams}) and they keep
 * their state in the {@code backplane}, so one server or many behave the same.
 */
package dev.parley.rooms;
