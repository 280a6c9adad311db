package dev.parley.http;

import dev.parley.platform.Settings;

/**
 * What a request may carry, from configuration.
 *
 * @param maxBodyBytes the largest request body ({@code parley.request.max-bytes}; more is 413)
 */
public record HttpLimits(long maxBodyBytes) {

    public static HttpLimits from(Settings settings) {
        return new HttpLimits(settings.atLeast("parley.request.max-bytes", 1L));
    }
}
