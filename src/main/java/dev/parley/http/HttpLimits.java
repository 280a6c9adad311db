package dev.parley.http;

import dev.parley.platform.Settings;
import java.util.Arrays;
import java.util.List;

/**
 * What a request may carry, from configuration.
 *
 * @param maxBodyBytes       {@code parley.request.max-bytes}: the largest request body (413 beyond)
 * @param maxRequestsPerClient {@code parley.clients.max-requests}: requests one client may have in progress at once
 *                           on this server, event streams apart (429 beyond): a client that trickles bodies holds a
 *                           request thread each, and may hold only so many
 * @param trustedProxies     {@code parley.clients.trusted-proxies}: addresses or CIDR networks whose
 *                           {@code X-Forwarded-For} names the client (empty: trust no header)
 */
public record HttpLimits(long maxBodyBytes, int maxRequestsPerClient, List<String> trustedProxies) {

    public static HttpLimits from(Settings settings) {
        String proxies = settings.string("parley.clients.trusted-proxies").strip();
        return new HttpLimits(settings.atLeast("parley.request.max-bytes", 1L),
                settings.atLeast("parley.clients.max-requests", 1),
                proxies.isEmpty() || proxies.equals("none") ? List.of()
                        : Arrays.stream(proxies.split(",")).map(String::strip).toList());
    }
}
