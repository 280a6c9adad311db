package dev.parley.rooms.entity;

/** A room's slow mode: each member may post once per this many seconds; 0 is off. */
public record SlowMode(int seconds) {
}
