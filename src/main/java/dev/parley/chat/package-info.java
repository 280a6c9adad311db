/**
 * The chat vocabulary every feature speaks: events ({@link dev.parley.chat.ChatEvent}, their types and ids), members,
 * the summaries the API lists, and the rules that make two usernames the same name. Records and pure functions only:
 * this package depends on no other package of Parley's, and every other package may depend on it.
 */
package dev.parley.chat;
