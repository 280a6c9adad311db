package dev.parley.http;

import dev.parley.platform.Settings;
import java.time.Duration;

/**
 * What a request may carry, from configuration.
 *
 * @param maxBodyBytes the largest request body ({@code parley.request.max-bytes}; more is 413)
 * @param bodyTimeout  how long a request body may take to arrive ({@code parley.request.body-timeout-millis}; 408)
 */
public record HttpLimits(long maxBodyBytes, Duration bodyTimeout) {

    public static HttpLimits from(Settings settings) {
        return new HttpLimits(settings.atLeast("parley.request.max-bytes", 1L),
                settings.millis("parley.request.body-timeout-millis", 100));
    }
}
