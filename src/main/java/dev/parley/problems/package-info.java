/**
 * Every failure under {@code /api} as {@code application/problem+json} (RFC 9457). Domain code throws a
 * {@link dev.parley.problems.ProblemException}; the mappers here turn it, and whatever the framework throws
 * (404, 405, 415, malformed JSON, a bug), into a problem. Details are written here, never copied from an
 * exception message, so no request URI, header or token is ever echoed.
 */
package dev.parley.problems;
