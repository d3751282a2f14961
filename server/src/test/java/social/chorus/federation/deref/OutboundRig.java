package social.chorus.federation.deref;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import social.chorus.federation.sig.HttpHeaders;
import social.chorus.federation.sig.HttpRequestView;
import social.chorus.federation.sig.Keys;
import social.chorus.federation.sig.ParsedSignature;
import social.chorus.federation.sig.SignatureVerifier;
import social.chorus.federation.sig.SigningKey;
import social.chorus.federation.sig.VerificationResult;

/**
 * Shared test rig for outbound HTTP: a Vert.x instance, a WireMock "remote server" on a dynamic
 * port, policies, and a check that a request WireMock received carries a valid signature.
 *
 * <p>WireMock listens on every interface, so it is reachable as 127.0.0.1, localhost and
 * 127.0.0.2 (Linux routes all of 127/8 to the loopback interface). {@link #guardOnExcept127_0_0_2}
 * keeps the production address rules but lets the test server through at 127.0.0.2 only, so
 * tests can show that a redirect or a WebFinger link to 127.0.0.1 or 10.0.0.1 is refused.
 */
public final class OutboundRig implements AutoCloseable {
    public static final String UA = "Chorus/test (+http://chorus.test)";
    /** One RSA key for every test in the JVM: generation costs ~60 ms. */
    private static final KeyPair KEYS = new Keys().generateRsa();

    public final Vertx vertx = Vertx.vertx();
    public final WireMockServer wm = new WireMockServer(
            WireMockConfiguration.options().dynamicPort().jettyAcceptors(1));

    public OutboundRig() {
        wm.start();
    }

    public static OutboundOptions options(Duration timeout) {
        return new OutboundOptions(timeout, OutboundOptions.ONE_MIB, 3, UA);
    }

    /** Production address rules, plain http, and the test server at 127.0.0.2 as the one exception. */
    public static OutboundPolicy guardOnExcept127_0_0_2() {
        return new OutboundPolicy(true, a -> isAddress(a, "127.0.0.2") || AddressClassifier.classify(a).isPublic());
    }

    private static boolean isAddress(InetAddress a, String literal) {
        return a.getHostAddress().equals(literal);
    }

    public Outbound outbound(OutboundPolicy policy, OutboundOptions opts) {
        return Outbound.create(vertx, policy, opts, Clock.systemUTC());
    }

    public Outbound devOutbound() {
        return outbound(OutboundPolicy.development(), options(Duration.ofSeconds(5)));
    }

    /** The test server's base URL as seen through a given host name or literal. */
    public String base(String host) {
        return "http://" + host + ":" + wm.port();
    }

    public String base() {
        return base("localhost");
    }

    public static SigningKey signingKey(String keyId) {
        return new SigningKey(keyId, KEYS.getPrivate());
    }

    public static PublicKey publicKey() {
        return KEYS.getPublic();
    }

    /** A request as WireMock logged it, as the signature module sees requests (plain http here). */
    public static HttpRequestView view(LoggedRequest r) {
        List<HttpHeaders.Header> headers = new ArrayList<>();
        for (HttpHeader h : r.getHeaders().all()) {
            for (String v : h.values()) {
                headers.add(new HttpHeaders.Header(h.key(), v));
            }
        }
        return HttpRequestView.inbound(r.getMethod().getName(), r.getUrl(), HttpHeaders.fromEntries(headers),
                r.getBody()).withScheme("http");
    }

    /** The parsed signature if {@code r} is validly signed by the rig's key; fails the test otherwise. */
    public static ParsedSignature verified(LoggedRequest r) {
        HttpRequestView view = view(r);
        SignatureVerifier verifier = new SignatureVerifier(Clock.systemUTC());
        ParsedSignature parsed = verifier.parse(view).parsed()
                .orElseThrow(() -> new AssertionError("no parseable signature on " + r.getUrl()));
        VerificationResult result = verifier.verify(parsed, view, publicKey());
        if (!result.isVerified()) {
            throw new AssertionError("signature does not verify: " + result.failure().orElseThrow());
        }
        return parsed;
    }

    public static Throwable failure(Future<?> f) {
        return f.map(v -> (Throwable) null).otherwise(e -> e).await();
    }

    public static FetchException fetchFailure(Future<?> f) {
        Throwable t = failure(f);
        if (!(t instanceof FetchException fe)) {
            throw new AssertionError("expected a FetchException, got " + t, t);
        }
        return fe;
    }

    @Override
    public void close() {
        wm.stop();
        vertx.close().await();
    }
}
