package social.chorus.federation.deref;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;
import social.chorus.federation.sig.HttpHeaders;

/**
 * One HTTP exchange with a remote server under every outbound rule: https only (outside
 * development mode), the {@link AddressGuard} before any connection, the connection made to the
 * checked address while Host, SNI and certificate checks use the name, a hard deadline for the
 * whole exchange, and a body limit enforced while reading (never buffering past it).
 *
 * <p>Redirects are not followed here: {@link HttpFetcher} follows them one exchange at a time so
 * that each target is checked again.
 */
public final class GuardedHttp {
    /** What to do when the body grows past the limit. */
    public enum OverLimit {
        /** Fail with {@link FetchException.Reason#TOO_LARGE}: the body is what the caller wants. */
        FAIL,
        /** Keep the status, drop the body: an inbox's answer to a delivery matters only by its status. */
        DISCARD
    }

    /** A request to send; the headers must already include any signature. */
    public record Exchange(HttpMethod method, OutboundUrl url, HttpHeaders headers, byte[] body, OverLimit overLimit) {
        public Exchange {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(headers, "headers");
            Objects.requireNonNull(overLimit, "overLimit");
            body = body == null ? new byte[0] : body;
        }
    }

    /** An answer, whatever its status; {@code body} is empty when it was discarded. */
    public record Response(OutboundUrl url, int status, HttpHeaders headers, Buffer body) {
    }

    private final Vertx vertx;
    private final HttpClient client;
    private final AddressGuard guard;
    private final OutboundOptions options;

    public GuardedHttp(Vertx vertx, HttpClient client, AddressGuard guard, OutboundOptions options) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.client = Objects.requireNonNull(client, "client");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Client settings for outbound federation traffic: no automatic redirects or decompression
     * (the body limit counts the bytes on the wire, and a small gzip cannot expand into memory),
     * certificates and host names verified against the JDK trust store.
     */
    public static HttpClientOptions clientOptions() {
        return new HttpClientOptions()
                .setVerifyHost(true)
                .setDecompressionSupported(false)
                .setKeepAlive(true)
                .setConnectTimeout(10_000);
    }

    public AddressGuard guard() {
        return guard;
    }

    /** The Vert.x instance the exchanges run on (for CPU work around them, such as signing). */
    public Vertx vertx() {
        return vertx;
    }

    public OutboundOptions options() {
        return options;
    }

    public Future<Response> exchange(Exchange ex, Deadline deadline) {
        OutboundUrl url = ex.url();
        String what = ex.method().name() + " " + url.forLog();
        if (!url.https() && !guard.policy().plainHttpAllowed()) {
            return Future.failedFuture(new FetchException(FetchException.Reason.NOT_HTTPS,
                    "refusing " + what + ": federation requires https"));
        }
        long remaining = deadline.remainingMillis();
        if (remaining <= 0) {
            return Future.failedFuture(timeout(what));
        }
        Promise<Response> promise = Promise.promise();
        AtomicReference<HttpClientRequest> inFlight = new AtomicReference<>();
        long timer = vertx.setTimer(remaining, id -> {
            if (promise.tryFail(timeout(what))) {
                abort(inFlight.get());
            }
        });
        promise.future().onComplete(r -> vertx.cancelTimer(timer));

        guard.check(url.host())
                .compose(checked -> {
                    if (promise.future().isComplete()) {
                        return Future.failedFuture(timeout(what));
                    }
                    RequestOptions ro = new RequestOptions()
                            .setMethod(ex.method())
                            .setHost(url.host())
                            .setPort(url.port())
                            .setSsl(url.https())
                            .setURI(url.target())
                            .setServer(SocketAddress.inetSocketAddress(
                                    new InetSocketAddress(checked.address(), url.port())))
                            .setFollowRedirects(false)
                            .setConnectTimeout(Math.max(1, deadline.remainingMillis()));
                    return client.request(ro);
                })
                .compose(req -> {
                    inFlight.set(req);
                    if (promise.future().isComplete()) {
                        abort(req);
                        return Future.failedFuture(timeout(what));
                    }
                    // Our Host header wins over Vert.x's (HTTP/1.1): it is the one the signature covers.
                    for (HttpHeaders.Header h : ex.headers().entries()) {
                        req.headers().add(h.name(), h.value());
                    }
                    if (!ex.headers().contains("host")) {
                        req.headers().set("Host", url.authority());
                    }
                    // The response listener is in place before the request leaves, so it runs on the
                    // connection's context as the head arrives and sets the body handlers before any
                    // body or end event: set later (after a hop to another thread), the end can be missed.
                    req.response().onComplete(ar -> {
                        if (ar.succeeded()) {
                            read(ar.result(), ex, what, promise);
                        } else {
                            promise.tryFail(map(ar.cause(), what));
                        }
                    });
                    return ex.body().length == 0 && ex.method() == HttpMethod.GET ? req.end()
                            : req.end(Buffer.buffer(ex.body()));
                })
                .onFailure(e -> promise.tryFail(map(e, what)));
        return promise.future();
    }

    private void read(HttpClientResponse resp, Exchange ex, String what, Promise<Response> promise) {
        HttpHeaders headers = headersOf(resp);
        int status = resp.statusCode();
        int max = options.maxBodyBytes();
        Buffer body = Buffer.buffer();
        long announced = parseLength(resp.getHeader("content-length"));
        if (announced > max) {
            overLimit(resp, ex, what, status, headers, promise);
            return;
        }
        resp.exceptionHandler(e -> promise.tryFail(map(e, what)));
        resp.handler(chunk -> {
            if (promise.future().isComplete()) {
                return;
            }
            if (body.length() + chunk.length() > max) {
                overLimit(resp, ex, what, status, headers, promise);
            } else {
                body.appendBuffer(chunk);
            }
        });
        resp.endHandler(v -> promise.tryComplete(new Response(ex.url(), status, headers, body)));
    }

    private static void overLimit(HttpClientResponse resp, Exchange ex, String what, int status, HttpHeaders headers,
            Promise<Response> promise) {
        boolean done = ex.overLimit() == OverLimit.FAIL
                ? promise.tryFail(new FetchException(FetchException.Reason.TOO_LARGE,
                        what + ": the answer is over the size limit"))
                : promise.tryComplete(new Response(ex.url(), status, headers, Buffer.buffer()));
        if (done) {
            abort(resp.request()); // stop reading: the connection is closed, not drained
        }
    }

    private static void abort(HttpClientRequest req) {
        if (req != null) {
            req.reset();
        }
    }

    private static HttpHeaders headersOf(HttpClientResponse resp) {
        List<HttpHeaders.Header> list = new ArrayList<>();
        for (Map.Entry<String, String> e : resp.headers()) {
            list.add(new HttpHeaders.Header(e.getKey(), e.getValue()));
        }
        return HttpHeaders.fromEntries(list);
    }

    private static long parseLength(String value) {
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static FetchException timeout(String what) {
        return new FetchException(FetchException.Reason.TIMEOUT, what + ": no complete answer in time");
    }

    /** Transport failures to reasons, with messages that name the exception type only. */
    static FetchException map(Throwable e, String what) {
        if (e instanceof FetchException f) {
            return f;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return new FetchException(FetchException.Reason.TLS_FAILED, what + ": TLS handshake failed", e);
            }
            if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
                return new FetchException(FetchException.Reason.TIMEOUT, what + ": timed out", e);
            }
        }
        String kind = e instanceof ConnectException ? "connection refused"
                : e instanceof HttpClosedException ? "connection closed" : "connection failed";
        return new FetchException(FetchException.Reason.CONNECT_FAILED, what + ": " + kind, e);
    }
}
