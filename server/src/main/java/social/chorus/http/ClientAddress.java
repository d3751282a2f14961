package social.chorus.http;

import io.netty.util.NetUtil;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Who a request comes from, for per-address rate limits: the socket's peer address, unless that
 * peer is a proxy the operator listed in {@code CHORUS_TRUSTED_PROXIES}. Only then is
 * {@code X-Forwarded-For} read, right to left (each proxy appends the address it saw), skipping the
 * listed proxies: the first address that is not one of them is the client. Anything to its left
 * was written by the client and could be forged. With no proxies listed the header is ignored.
 *
 * <p>An IPv6 client is its /64: one subscriber usually holds a whole /64 and could otherwise
 * take a fresh address for every request.
 */
public final class ClientAddress {
    static final String UNKNOWN = "unknown";
    private static final int IPV6_PREFIX = 64;

    private final List<IpRange> trustedProxies;

    public ClientAddress(List<IpRange> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    /** The rate-limit key of the request's client: an IPv4 address or an IPv6 /64. */
    public String of(HttpServerRequest request) {
        SocketAddress peer = request.remoteAddress();
        return resolve(peer == null ? null : peer.hostAddress(), request.headers().getAll("X-Forwarded-For"));
    }

    /** @param forwardedFor every X-Forwarded-For header line, in the order received */
    String resolve(String peer, List<String> forwardedFor) {
        byte[] client = IpRange.address(peer);
        if (client == null) {
            return UNKNOWN;
        }
        if (!trusted(client)) {
            return key(client);
        }
        List<String> hops = new ArrayList<>();
        for (String line : forwardedFor) {
            for (String hop : line.split(",")) {
                hops.add(hop.strip());
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            byte[] hop = IpRange.address(withoutPort(hops.get(i)));
            if (hop == null) {
                // Not an address (a forgery, or a port or name some proxy added): the chain can no
                // longer be trusted past here, so the last trusted hop is as far as we can see.
                break;
            }
            client = hop;
            if (!trusted(hop)) {
                break;
            }
        }
        return key(client);
    }

    /**
     * Some load balancers write the port they saw ({@code 203.0.113.9:51234}, {@code [2001:db8::5]:443});
     * without this every such client would stop the walk and count as the proxy.
     */
    static String withoutPort(String hop) {
        if (hop.startsWith("[")) {
            int close = hop.indexOf(']');
            return close > 0 ? hop.substring(0, close + 1) : hop;
        }
        int colon = hop.indexOf(':');
        // One colon is an IPv4 address with a port; more are an IPv6 address, which has no port unbracketed.
        return colon > 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
    }

    private boolean trusted(byte[] address) {
        for (IpRange r : trustedProxies) {
            if (r.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static String key(byte[] address) {
        if (address.length == 4) {
            return NetUtil.bytesToIpAddress(address);
        }
        return NetUtil.bytesToIpAddress(IpRange.mask(address, IPV6_PREFIX)) + "/" + IPV6_PREFIX;
    }
}
