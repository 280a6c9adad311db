package dev.parley.http;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Who a request comes from, for the limits that hold per client: the address the server sees, or, when that is a
 * proxy listed in {@code parley.clients.trusted-proxies}, the nearest address in {@code X-Forwarded-For} that is not
 * one of them (a client can write anything in that header, so only what trusted proxies appended counts). IPv6
 * clients are taken by their /64, which one subscriber usually has whole.
 */
public final class Clients {

    /** Where {@link HttpHygiene} leaves each request's client. */
    static final String ATTRIBUTE = Clients.class.getName();
    static final String SECURE = Clients.class.getName() + ".secure";
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final List<Range> trusted;

    Clients(List<String> trustedProxies) {
        List<Range> ranges = new ArrayList<>();
        for (String proxy : trustedProxies) {
            ranges.add(Range.parse(proxy));
        }
        this.trusted = List.copyOf(ranges);
    }

    /** The request's client, as {@link HttpHygiene} found it. */
    public static String of(HttpServletRequest request) {
        Object client = request.getAttribute(ATTRIBUTE);
        return client != null ? (String) client : key(request.getRemoteAddr());
    }

    /** Whether the request came over HTTPS, to this server or, by its word, to a trusted proxy in front. */
    public static boolean isSecure(HttpServletRequest request) {
        return request.isSecure() || request.getAttribute(SECURE) != null;
    }

    boolean forwardedSecure(HttpServletRequest request) {
        return isTrusted(request.getRemoteAddr())
                && "https".equalsIgnoreCase(String.valueOf(request.getHeader("X-Forwarded-Proto")).strip());
    }

    /** Finds the client, or null when a trusted proxy forwarded an address that is not one. */
    String find(String remoteAddress, List<String> forwardedFor) {
        String client = remoteAddress;
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                hops.add(hop.strip());
            }
        }
        // from the nearest hop back: skip trusted proxies, stop at the first address nobody trusted appended
        for (int i = hops.size() - 1; i >= 0 && isTrusted(client); i--) {
            if (!LITERAL.matcher(hops.get(i)).matches() || address(hops.get(i)) == null) {
                return null;
            }
            client = hops.get(i);
        }
        return key(client);
    }

    private boolean isTrusted(String literal) {
        InetAddress address = address(literal);
        return address != null && trusted.stream().anyMatch(range -> range.contains(address));
    }

    /** An IPv4 address as it is, an IPv6 one as its /64. */
    static String key(String literal) {
        InetAddress address = address(literal);
        if (address == null) {
            return literal;
        }
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return address.getHostAddress();
        }
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
        }
        return prefix.append(":/64").toString();
    }

    /** The address of an IP literal; never a name lookup. */
    static InetAddress address(String literal) {
        if (literal == null || !LITERAL.matcher(literal).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** An address, or a network in CIDR notation. */
    private record Range(byte[] network, int bits) {

        static Range parse(String text) {
            String[] parts = text.strip().split("/", 2);
            InetAddress address = address(parts[0]);
            if (address == null) {
                throw new IllegalArgumentException("parley.clients.trusted-proxies: not an IP address: " + text);
            }
            int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : address.getAddress().length * 8;
            if (bits < 0 || bits > address.getAddress().length * 8) {
                throw new IllegalArgumentException("parley.clients.trusted-proxies: bad prefix length: " + text);
            }
            return new Range(address.getAddress(), bits);
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
