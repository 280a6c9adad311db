/**
 * The HTTP edge every request crosses before it reaches a feature: {@link dev.parley.http.HttpHygiene} refuses what
 * no well-behaved client sends (ambiguous framing, bad hosts, paths and methods), {@link dev.parley.http.RequestBodies}
 * reads each body in full without a thread and within a deadline, {@link dev.parley.http.StrictJson} binds it to its
 * record strictly, and {@link dev.parley.http.ErrorPages} answers what the container itself refuses. No room or
 * stream logic lives here; features never see a request this package refused.
 */
package dev.parley.http;
