package social.chorus.federation.deref;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import java.time.Clock;
import java.util.Objects;

/**
 * The outbound HTTP machinery of one instance, built once: one Vert.x HttpClient (its connection
 * pools are shared by fetches and deliveries), the guard, the fetcher and the WebFinger client.
 * Closing it closes the client.
 */
public final class Outbound implements AutoCloseable {
    private final HttpClient client;
    private final GuardedHttp http;
    private final HttpFetcher fetcher;
    private final WebFingerClient webFinger;

    private Outbound(HttpClient client, GuardedHttp http, HttpFetcher fetcher) {
        this.client = client;
        this.http = http;
        this.fetcher = fetcher;
        this.webFinger = new WebFingerClient(fetcher);
    }

    public static Outbound create(Vertx vertx, OutboundPolicy policy, OutboundOptions options, Clock clock) {
        return create(vertx, GuardedHttp.clientOptions(), policy, options, clock);
    }

    /** With client options of the caller's (tests add a trust store for their TLS server). */
    public static Outbound create(Vertx vertx, HttpClientOptions clientOptions, OutboundPolicy policy,
            OutboundOptions options, Clock clock) {
        Objects.requireNonNull(vertx, "vertx");
        HttpClient client = vertx.createHttpClient(clientOptions);
        GuardedHttp http = new GuardedHttp(vertx, client, new AddressGuard(vertx, policy), options);
        return new Outbound(client, http, new HttpFetcher(http, clock));
    }

    /** For deliveries ({@link social.chorus.federation.delivery.SignedPoster}) and custom exchanges. */
    public GuardedHttp http() {
        return http;
    }

    public HttpFetcher fetcher() {
        return fetcher;
    }

    public WebFingerClient webFinger() {
        return webFinger;
    }

    /** Starts closing the client's connections; Vert.x's own close waits for it. */
    @Override
    public void close() {
        client.close();
    }
}
