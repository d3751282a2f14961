package social.chorus.federation.deref;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Classifies IP addresses by their bytes alone, never by the JDK's {@code isSiteLocalAddress()}
 * family: those miss 100.64/10, fc00::/7, the documentation and benchmark ranges and every IPv6
 * form that embeds an IPv4 address. Pure and stateless; the SSRF guard's core, unit-tested over
 * literal addresses.
 *
 * <p>IPv6 addresses that carry an IPv4 address (mapped {@code ::ffff:a.b.c.d}, compatible
 * {@code ::a.b.c.d}, SIIT {@code ::ffff:0:a.b.c.d}, NAT64 {@code 64:ff9b::a.b.c.d} and 6to4
 * {@code 2002:aabb:ccdd::}) are judged by the IPv4 address inside, because that is where a
 * translator on the path would deliver the packets.
 */
public final class AddressClassifier {
    private AddressClassifier() {
    }

    public static AddressClass classify(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address || b.length == 4) {
            return classifyV4(toInt(b, 0));
        }
        if (address instanceof Inet6Address || b.length == 16) {
            return classifyV6(b);
        }
        return AddressClass.RESERVED;
    }

    static AddressClass classifyV4(int a) {
        if (in(a, 0x00000000, 8)) {
            return AddressClass.UNSPECIFIED;
        }
        if (in(a, 0x0A000000, 8) || in(a, 0xAC100000, 12) || in(a, 0xC0A80000, 16)) {
            return AddressClass.PRIVATE;
        }
        if (in(a, 0x64400000, 10)) {
            return AddressClass.SHARED;
        }
        if (in(a, 0x7F000000, 8)) {
            return AddressClass.LOOPBACK;
        }
        if (in(a, 0xA9FE0000, 16)) {
            return AddressClass.LINK_LOCAL;
        }
        if (in(a, 0xC0000200, 24) || in(a, 0xC6336400, 24) || in(a, 0xCB007100, 24)) {
            return AddressClass.DOCUMENTATION;
        }
        if (in(a, 0xC6120000, 15)) {
            return AddressClass.BENCHMARK;
        }
        if (a == 0xFFFFFFFF) {
            return AddressClass.BROADCAST;
        }
        if (in(a, 0xE0000000, 4)) {
            return AddressClass.MULTICAST;
        }
        if (in(a, 0xC0000000, 24) || in(a, 0xC0586300, 24) || in(a, 0xF0000000, 4)) {
            return AddressClass.RESERVED; // IETF protocol assignments, 6to4 relay anycast, 240/4
        }
        return AddressClass.PUBLIC;
    }

    static AddressClass classifyV6(byte[] b) {
        if (zeros(b, 0, 10) && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
            return classifyV4(toInt(b, 12)); // ::ffff:a.b.c.d, the same host as a.b.c.d
        }
        if (zeros(b, 0, 12)) {
            int v4 = toInt(b, 12);
            if (v4 == 0) {
                return AddressClass.UNSPECIFIED;
            }
            if (v4 == 1) {
                return AddressClass.LOOPBACK;
            }
            return embedded(v4); // deprecated IPv4-compatible form
        }
        if (zeros(b, 0, 8) && (b[8] & 0xFF) == 0xFF && (b[9] & 0xFF) == 0xFF && zeros(b, 10, 2)) {
            return embedded(toInt(b, 12)); // SIIT IPv4-translated
        }
        if (prefix(b, new int[] {0x00, 0x64, 0xFF, 0x9B}, 32) && zeros(b, 4, 8)) {
            return classifyV4(toInt(b, 12)); // NAT64 well-known prefix: the translator reaches this IPv4 host
        }
        int first = b[0] & 0xFF;
        if (first == 0xFF) {
            return AddressClass.MULTICAST;
        }
        if (first == 0xFE && (b[1] & 0xC0) == 0x80) {
            return AddressClass.LINK_LOCAL;
        }
        if (first == 0xFE && (b[1] & 0xC0) == 0xC0) {
            return AddressClass.SITE_LOCAL;
        }
        if ((first & 0xFE) == 0xFC) {
            return AddressClass.UNIQUE_LOCAL;
        }
        if ((first & 0xE0) != 0x20) {
            return AddressClass.RESERVED; // outside 2000::/3: 64:ff9b:1::/48, 100::/64, 5f00::/16, unassigned
        }
        if (prefix(b, new int[] {0x20, 0x01, 0x0D, 0xB8}, 32) || prefix(b, new int[] {0x3F, 0xFF, 0x00}, 20)) {
            return AddressClass.DOCUMENTATION;
        }
        if (prefix(b, new int[] {0x20, 0x01, 0x00}, 23)) {
            return AddressClass.RESERVED; // 2001::/23 IETF assignments, Teredo among them
        }
        if (first == 0x20 && (b[1] & 0xFF) == 0x02) {
            return classifyV4(toInt(b, 2)); // 6to4: the relay delivers to this IPv4 host
        }
        return AddressClass.PUBLIC;
    }

    /** A deprecated embedding: refused with the inner class when that is not public, reserved otherwise. */
    private static AddressClass embedded(int v4) {
        AddressClass inner = classifyV4(v4);
        return inner.isPublic() ? AddressClass.RESERVED : inner;
    }

    private static boolean in(int address, int network, int prefixLength) {
        int mask = prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
        return (address & mask) == (network & mask);
    }

    private static boolean prefix(byte[] b, int[] bytes, int bits) {
        for (int i = 0; i < bits; i += 8) {
            int n = Math.min(8, bits - i);
            int mask = (0xFF << (8 - n)) & 0xFF;
            if (((b[i / 8] & 0xFF) & mask) != (bytes[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static boolean zeros(byte[] b, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static int toInt(byte[] b, int offset) {
        return ((b[offset] & 0xFF) << 24) | ((b[offset + 1] & 0xFF) << 16) | ((b[offset + 2] & 0xFF) << 8)
                | (b[offset + 3] & 0xFF);
    }
}
