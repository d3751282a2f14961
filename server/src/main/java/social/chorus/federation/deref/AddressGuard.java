package social.chorus.federation.deref;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The SSRF guard: decides which address an outbound request may connect to. Any URL a remote
 * server hands us (a keyId, an inbox, a WebFinger link, a redirect) could point at this machine,
 * the operator's private network or the cloud metadata service; resolving the name and refusing
 * unless <em>every</em> address it resolves to is allowed ({@link OutboundPolicy}: public only,
 * in production) closes that door.
 *
 * <p>The caller then connects to the very address checked here (see {@link GuardedHttp}), not to
 * the name: a second lookup could answer differently (DNS rebinding).
 *
 * <p>{@code localhost} and {@code *.localhost} are loopback by definition (RFC 6761) and judged
 * without a lookup; IP literals are parsed by the resolver without a query; so requests to them
 * fail before any packet leaves. Names are resolved with the system resolver on a worker thread
 * (it blocks), which honours /etc/hosts and the JVM's DNS cache.
 */
public final class AddressGuard {
    /** The address to connect to (the first one resolved), and all of them, each of which passed. */
    public record Checked(String host, InetAddress address, List<InetAddress> all) {
        public Checked {
            all = List.copyOf(all);
        }
    }

    private final Vertx vertx;
    private final OutboundPolicy policy;

    public AddressGuard(Vertx vertx, OutboundPolicy policy) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public OutboundPolicy policy() {
        return policy;
    }

    /**
     * Resolves {@code host} (an ASCII name or an IP literal without brackets). Fails with
     * {@link FetchException.Reason#REFUSED_ADDRESS} when any address is refused by the policy, or
     * {@link FetchException.Reason#UNKNOWN_HOST}.
     */
    public Future<Checked> check(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return judge(host, List.of(InetAddress.getLoopbackAddress()));
        }
        // Literals go the same way: the resolver parses them without a query (and accepts odd forms
        // such as 2130706433 or 0x7f.1, whose bytes the classifier then judges like any other).
        String lookup = name;
        return vertx.<List<InetAddress>>executeBlocking(() -> List.of(InetAddress.getAllByName(lookup)), false)
                .recover(e -> Future.failedFuture(new FetchException(FetchException.Reason.UNKNOWN_HOST,
                        "no address for host " + host)))
                .compose(addresses -> judge(host, addresses));
    }

    private Future<Checked> judge(String host, List<InetAddress> addresses) {
        if (addresses.isEmpty()) {
            return Future.failedFuture(
                    new FetchException(FetchException.Reason.UNKNOWN_HOST, "no address for host " + host));
        }
        for (InetAddress a : addresses) {
            if (!policy.addressAllowed().test(a)) {
                return Future.failedFuture(new FetchException(FetchException.Reason.REFUSED_ADDRESS,
                        "refusing to connect to " + host + ": " + AddressClassifier.classify(a).description()
                                + " address (only CHORUS_ALLOW_PRIVATE_ADDRESSES=true, for development, allows it)"));
            }
        }
        return Future.succeededFuture(new Checked(host, addresses.get(0), addresses));
    }
}
