package social.chorus.federation.deref;

/**
 * What kind of network an IP address belongs to, as far as outbound requests care. Only
 * {@link #PUBLIC} may be reached from a production instance: everything else is either this
 * machine, the operator's private network or cloud metadata (the targets of SSRF), or a range
 * that no real fediverse server can live in.
 */
public enum AddressClass {
    PUBLIC("public"),
    /** 127/8, ::1. */
    LOOPBACK("loopback"),
    /** 0.0.0.0/8 ("this network"), ::. Connecting to 0.0.0.0 reaches the local host on Linux. */
    UNSPECIFIED("unspecified"),
    /** RFC 1918: 10/8, 172.16/12, 192.168/16. */
    PRIVATE("private"),
    /** RFC 6598 carrier-grade NAT: 100.64/10. */
    SHARED("carrier-grade NAT"),
    /** 169.254/16 (cloud metadata lives at 169.254.169.254), fe80::/10. */
    LINK_LOCAL("link-local"),
    /** fec0::/10, deprecated but still routed inside some networks. */
    SITE_LOCAL("site-local"),
    /** fc00::/7 unique-local, the IPv6 counterpart of RFC 1918. */
    UNIQUE_LOCAL("unique-local"),
    /** 224/4, ff00::/8. */
    MULTICAST("multicast"),
    /** 255.255.255.255. */
    BROADCAST("broadcast"),
    /** 192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32, 3fff::/20. */
    DOCUMENTATION("documentation"),
    /** 198.18/15 (RFC 2544 benchmarking). */
    BENCHMARK("benchmarking"),
    /**
     * Everything else IANA sets aside: 192.0.0/24, 192.88.99/24, 240/4, 64:ff9b:1::/48, 100::/64,
     * 2001::/23, 5f00::/16 and any IPv6 address outside 2000::/3 global unicast.
     */
    RESERVED("reserved");

    private final String description;

    AddressClass(String description) {
        this.description = description;
    }

    /** Lower-case words for log lines and error messages. */
    public String description() {
        return description;
    }

    public boolean isPublic() {
        return this == PUBLIC;
    }
}
