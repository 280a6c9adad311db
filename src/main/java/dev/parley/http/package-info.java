/** The HTTP edge shared by every endpoint: limits on what a request may carry. */
package dev.parley.http;
