package social.chorus.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
    private static ClientAddress trusting(String... ranges) {
        return new ClientAddress(java.util.Arrays.stream(ranges).map(r -> IpRange.parse(r).orElseThrow()).toList());
    }

    @Test
    void withNoTrustedProxyTheHeaderIsIgnored() {
        ClientAddress none = trusting();
        assertThat(none.resolve("127.0.0.1", List.of("203.0.113.9"))).isEqualTo("127.0.0.1");
        assertThat(none.resolve("198.51.100.7", List.of())).isEqualTo("198.51.100.7");
        assertThat(none.resolve(null, List.of("203.0.113.9"))).isEqualTo(ClientAddress.UNKNOWN);
    }

    @Test
    void behindTrustedProxiesTheClientIsTheFirstUntrustedHopFromTheRight() {
        ClientAddress proxies = trusting("10.0.0.0/8", "127.0.0.1");
        assertThat(proxies.resolve("127.0.0.1", List.of("203.0.113.9"))).isEqualTo("203.0.113.9");
        // Whatever the client wrote itself sits to the left and is never reached.
        assertThat(proxies.resolve("127.0.0.1", List.of("1.2.3.4, 203.0.113.9"))).isEqualTo("203.0.113.9");
        // A chain of trusted proxies (a CDN, then nginx), also over several header lines.
        assertThat(proxies.resolve("127.0.0.1", List.of("1.2.3.4, 203.0.113.9", "10.1.2.3"))).isEqualTo("203.0.113.9");
        // Only proxies: the leftmost one is as far as can be seen.
        assertThat(proxies.resolve("127.0.0.1", List.of("10.0.0.5"))).isEqualTo("10.0.0.5");
        assertThat(proxies.resolve("127.0.0.1", List.of())).isEqualTo("127.0.0.1");
        // Something that is not an address ends the trusted chain; names are never resolved.
        assertThat(proxies.resolve("127.0.0.1", List.of("203.0.113.9, evil.example"))).isEqualTo("127.0.0.1");
        assertThat(proxies.resolve("127.0.0.1", List.of("203.0.113.9, unknown, 10.0.0.2"))).isEqualTo("10.0.0.2");
        // An untrusted peer's header is ignored even when it names a trusted range.
        assertThat(proxies.resolve("198.51.100.7", List.of("203.0.113.9"))).isEqualTo("198.51.100.7");
    }

    @Test
    void anIpv6ClientIsItsSlash64AndAMappedIpv4AddressIsIpv4() {
        ClientAddress none = trusting();
        assertThat(none.resolve("2001:db8:1:2:aaaa::1", List.of())).isEqualTo("2001:db8:1:2::/64");
        assertThat(none.resolve("2001:db8:1:2:ffff:ffff:ffff:fffe", List.of())).isEqualTo("2001:db8:1:2::/64");
        assertThat(none.resolve("2001:db8:1:3::1", List.of())).isEqualTo("2001:db8:1:3::/64");
        assertThat(none.resolve("::ffff:198.51.100.7", List.of())).isEqualTo("198.51.100.7");
        assertThat(trusting("::1").resolve("0:0:0:0:0:0:0:1", List.of("[2001:db8::5]"))).isEqualTo("2001:db8::/64");
        // Hops some load balancers write with the port they saw.
        assertThat(trusting("127.0.0.1").resolve("127.0.0.1", List.of("203.0.113.9:51234"))).isEqualTo("203.0.113.9");
        assertThat(trusting("::1").resolve("::1", List.of("[2001:db8::5]:443"))).isEqualTo("2001:db8::/64");
        assertThat(trusting("127.0.0.1").resolve("127.0.0.1", List.of("2001:db8::5"))).isEqualTo("2001:db8::/64");
    }

    @Test
    void rangesAreAddressLiteralsWithAValidPrefix() {
        assertThat(IpRange.parse("10.0.0.0/8").orElseThrow().contains(IpRange.address("10.200.3.4"))).isTrue();
        assertThat(IpRange.parse("10.0.0.0/8").orElseThrow().contains(IpRange.address("11.0.0.1"))).isFalse();
        assertThat(IpRange.parse("172.16.0.0/12").orElseThrow().contains(IpRange.address("172.31.255.1"))).isTrue();
        assertThat(IpRange.parse("172.16.0.0/12").orElseThrow().contains(IpRange.address("172.32.0.1"))).isFalse();
        assertThat(IpRange.parse("fd00::/8").orElseThrow().contains(IpRange.address("fd12::1"))).isTrue();
        assertThat(IpRange.parse("fd00::/8").orElseThrow().contains(IpRange.address("10.0.0.1"))).isFalse();
        assertThat(IpRange.parse(" 192.0.2.1 ").orElseThrow().toString()).isEqualTo("192.0.2.1/32");
        assertThat(IpRange.parse("0.0.0.0/0").orElseThrow().contains(IpRange.address("8.8.8.8"))).isTrue();
        for (String bad : new String[] {"localhost", "proxy.example", "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0",
                "10.0.0.0/-1", "10.0.0.0/8/8", "", "fe80::1%eth0"}) {
            assertThat(IpRange.parse(bad)).as(bad).isEmpty();
        }
    }
}
