package social.chorus.federation.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The shared inboxes of many remote servers, played by one HTTP server on a loopback port: every
 * host name {@code hNNNN.localhost} reaches it (Chorus's outbound guard maps {@code *.localhost} to
 * loopback without a lookup, RFC 6761), and the Host header tells the servers apart. Each POST is
 * answered 202 at once and recorded: which host got which activity, how many signed requests
 * arrived, and when the last one did.
 */
final class StubInboxes implements AutoCloseable {
    /** What arrived for one activity. */
    static final class Arrivals {
        final Set<String> hosts = ConcurrentHashMap.newKeySet();
        final AtomicInteger posts = new AtomicInteger();
        final AtomicLong lastNanos = new AtomicLong();
    }

    private final Vertx vertx = Vertx.vertx();
    private final Map<String, Arrivals> byActivity = new ConcurrentHashMap<>();
    private final AtomicInteger unsigned = new AtomicInteger();
    private final HttpServer server;

    StubInboxes() {
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(req -> req.body().onSuccess(body -> {
                    long at = System.nanoTime();
                    if (req.getHeader("Signature") == null) {
                        unsigned.incrementAndGet();
                    }
                    String id = new JsonObject(body).getString("id");
                    Arrivals a = byActivity.computeIfAbsent(id, k -> new Arrivals());
                    a.hosts.add(req.authority().host());
                    a.posts.incrementAndGet();
                    a.lastNanos.accumulateAndGet(at, Math::max);
                    req.response().setStatusCode(202).end();
                }));
        server.listen().await();
    }

    int port() {
        return server.actualPort();
    }

    static String host(int i) {
        return String.format("h%04d.localhost", i);
    }

    Arrivals arrivals(String activityId) {
        return byActivity.computeIfAbsent(activityId, k -> new Arrivals());
    }

    /** POSTs that carried no signature at all (must stay 0). */
    int unsigned() {
        return unsigned.get();
    }

    @Override
    public void close() {
        vertx.close().await();
    }
}
