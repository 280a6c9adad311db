package dev.parley.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientsTest {

    private final Clients none = new Clients(List.of());
    private final Clients behindProxies = new Clients(List.of("10.0.0.0/8", "192.0.2.1", "2001:db8::/32"));

    @Test
    void withoutTrustedProxiesTheClientIsTheAddressTheServerSeesWhateverTheHeaderSays() {
        assertEquals("203.0.113.7", none.find("203.0.113.7", List.of("198.51.100.1")));
        assertEquals("203.0.113.7", none.find("203.0.113.7", List.of()));
    }

    @Test
    void behindTrustedProxiesTheClientIsTheNearestAddressNoTrustedProxyIs() {
        assertEquals("198.51.100.1", behindProxies.find("10.1.2.3", List.of("198.51.100.1")));
        assertEquals("198.51.100.1", behindProxies.find("10.1.2.3", List.of("6.6.6.6, 198.51.100.1, 10.9.9.9")),
                "what a client wrote before the proxies' hops is not believed");
        assertEquals("198.51.100.1", behindProxies.find("192.0.2.1", List.of("198.51.100.1")));
        assertEquals("10.1.2.3", behindProxies.find("10.1.2.3", List.of()), "a proxy that forwarded nobody");
        assertEquals("203.0.113.9", behindProxies.find("203.0.113.9", List.of("198.51.100.1")), "not a proxy of ours");
    }

    @Test
    void aTrustedProxyForwardingSomethingThatIsNoAddressIsRefusedAndNoNameIsLookedUp() {
        assertNull(behindProxies.find("10.1.2.3", List.of("example.com")));
        assertNull(behindProxies.find("10.1.2.3", List.of("unknown")));
    }

    @Test
    void anIpv6ClientIsTakenByItsSlash64() {
        assertEquals("2001:db9:1:2::/64", none.find("2001:db9:1:2:aaaa:bbbb:cccc:dddd", List.of()));
        assertEquals(none.find("2001:db9:1:2::1", List.of()), none.find("2001:db9:1:2:ffff::2", List.of()));
        assertEquals("2001:db9:5:6::/64", behindProxies.find("2001:db8::1", List.of("2001:db9:5:6::77")));
    }

    @Test
    void refusesAProxyListThatIsNoAddress() {
        assertThrows(IllegalArgumentException.class, () -> new Clients(List.of("proxy.example")));
        assertThrows(IllegalArgumentException.class, () -> new Clients(List.of("10.0.0.0/33")));
    }
}
