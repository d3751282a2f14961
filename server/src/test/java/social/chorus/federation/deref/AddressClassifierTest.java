package social.chorus.federation.deref;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The guard's core over literal addresses: every range the SSRF rules name, and their edges. */
class AddressClassifierTest {

    private static AddressClass classify(String literal) throws UnknownHostException {
        return AddressClassifier.classify(InetAddress.getByName(literal));
    }

    /** From raw bytes, so that Java's own conversion of mapped addresses to IPv4 does not hide a case. */
    private static AddressClass classifyBytes(int... bytes) throws UnknownHostException {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return AddressClassifier.classify(InetAddress.getByAddress(b));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        // public, including the neighbours of every refused range
        "8.8.8.8, PUBLIC",
        "1.1.1.1, PUBLIC",
        "93.184.216.34, PUBLIC",
        "9.255.255.255, PUBLIC",
        "11.0.0.0, PUBLIC",
        "100.63.255.255, PUBLIC",
        "100.128.0.0, PUBLIC",
        "126.255.255.255, PUBLIC",
        "128.0.0.0, PUBLIC",
        "169.253.255.255, PUBLIC",
        "169.255.0.0, PUBLIC",
        "172.15.255.255, PUBLIC",
        "172.32.0.0, PUBLIC",
        "192.0.1.255, PUBLIC",
        "192.0.3.0, PUBLIC",
        "192.167.255.255, PUBLIC",
        "192.169.0.0, PUBLIC",
        "198.17.255.255, PUBLIC",
        "198.20.0.0, PUBLIC",
        "223.255.255.255, PUBLIC",
        // IPv4 refused
        "0.0.0.0, UNSPECIFIED",
        "0.1.2.3, UNSPECIFIED",
        "127.0.0.1, LOOPBACK",
        "127.255.255.254, LOOPBACK",
        "10.0.0.1, PRIVATE",
        "10.255.255.255, PRIVATE",
        "172.16.0.1, PRIVATE",
        "172.31.255.255, PRIVATE",
        "192.168.0.1, PRIVATE",
        "192.168.255.255, PRIVATE",
        "100.64.0.1, SHARED",
        "100.127.255.255, SHARED",
        "169.254.169.254, LINK_LOCAL",
        "169.254.0.1, LINK_LOCAL",
        "192.0.0.8, RESERVED",
        "192.0.0.170, RESERVED",
        "192.88.99.1, RESERVED",
        "192.0.2.1, DOCUMENTATION",
        "198.51.100.7, DOCUMENTATION",
        "203.0.113.200, DOCUMENTATION",
        "198.18.0.1, BENCHMARK",
        "198.19.255.255, BENCHMARK",
        "224.0.0.1, MULTICAST",
        "239.255.255.250, MULTICAST",
        "240.0.0.1, RESERVED",
        "255.255.255.254, RESERVED",
        "255.255.255.255, BROADCAST",
        // IPv6 public
        "2001:4860:4860::8888, PUBLIC",
        "2606:4700:4700::1111, PUBLIC",
        "2a01:4f8::1, PUBLIC",
        "2001:200::1, PUBLIC",
        // IPv6 refused
        "::, UNSPECIFIED",
        "::1, LOOPBACK",
        "fe80::1, LINK_LOCAL",
        "febf:ffff::1, LINK_LOCAL",
        "fec0::1, SITE_LOCAL",
        "fc00::1, UNIQUE_LOCAL",
        "fd12:3456:789a::1, UNIQUE_LOCAL",
        "ff02::1, MULTICAST",
        "ff05::1:3, MULTICAST",
        "2001:db8::1, DOCUMENTATION",
        "3fff::1, DOCUMENTATION",
        "3fff:fff::1, DOCUMENTATION",
        "2001::1, RESERVED",
        "2001:0:4136:e378:8000:63bf:3fff:fdd2, RESERVED",
        "2001:10::1, RESERVED",
        "100::1, RESERVED",
        "64:ff9b:1::1, RESERVED",
        "5f00::1, RESERVED",
        "4000::1, RESERVED",
        // IPv6 forms that carry an IPv4 address are judged by it
        "::ffff:127.0.0.1, LOOPBACK",
        "::ffff:10.1.2.3, PRIVATE",
        "::ffff:169.254.169.254, LINK_LOCAL",
        "::ffff:8.8.8.8, PUBLIC",
        "::127.0.0.1, LOOPBACK",
        "::10.0.0.1, PRIVATE",
        "::8.8.8.8, RESERVED",
        "::ffff:0:10.0.0.1, PRIVATE",
        "::ffff:0:8.8.8.8, RESERVED",
        "64:ff9b::10.0.0.1, PRIVATE",
        "64:ff9b::169.254.169.254, LINK_LOCAL",
        "64:ff9b::8.8.8.8, PUBLIC",
        "2002:7f00:1::, LOOPBACK",
        "2002:a9fe:a9fe::1, LINK_LOCAL",
        "2002:c0a8:101::, PRIVATE",
        "2002:808:808::1, PUBLIC"
    })
    void classifiesLiterals(String literal, AddressClass expected) throws Exception {
        assertThat(classify(literal)).isEqualTo(expected);
        assertThat(classify(literal).isPublic()).isEqualTo(expected == AddressClass.PUBLIC);
    }

    @Test
    void mappedAddressesFromRawBytesAreJudgedByTheirIpv4() throws Exception {
        // InetAddress.getByAddress turns ::ffff:a.b.c.d into an Inet4Address; the classifier must agree either way
        assertThat(classifyBytes(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 127, 0, 0, 1)).isEqualTo(AddressClass.LOOPBACK);
        assertThat(classifyBytes(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 1)).isEqualTo(AddressClass.PRIVATE);
        assertThat(AddressClassifier.classifyV6(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff,
                (byte) 169, (byte) 254, (byte) 169, (byte) 254})).isEqualTo(AddressClass.LINK_LOCAL);
        assertThat(AddressClassifier.classifyV6(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff,
                8, 8, 8, 8})).isEqualTo(AddressClass.PUBLIC);
    }

    @Test
    void oddIpv4SpellingsAreJudgedByTheirValue() throws Exception {
        // Decimal and shortened forms that URL parsers and resolvers accept for 127.0.0.1
        assertThat(classify("2130706433")).isEqualTo(AddressClass.LOOPBACK);
        assertThat(classify("127.1")).isEqualTo(AddressClass.LOOPBACK);
    }

    @Test
    void scopedLinkLocalIsStillLinkLocal() throws Exception {
        assertThat(AddressClassifier.classify(InetAddress.getByName("fe80::1%1"))).isEqualTo(AddressClass.LINK_LOCAL);
    }
}
