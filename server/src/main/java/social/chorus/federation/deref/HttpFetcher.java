package social.chorus.federation.deref;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;
import social.chorus.federation.sig.HttpHeaders;
import social.chorus.federation.sig.HttpRequestView;
import social.chorus.federation.sig.RequestSigner;
import social.chorus.federation.sig.SignatureStyle;

/**
 * GETs of remote documents (actors, keys, objects, WebFinger) under the outbound rules of
 * {@link GuardedHttp}, following at most {@link OutboundOptions#maxRedirects()} redirects by
 * hand so that every target passes the scheme rule and the address guard again, all within one
 * deadline.
 *
 * <p>Signed fetches use draft-cavage: every server that checks signatures on GET accepts it, and
 * a GET has no body whose signature style could be learned from a delivery's answer. Each hop is
 * signed afresh, because the signature covers the host and path.
 *
 * <p>Failures are {@link FetchException}s: non-2xx answers as {@code HTTP_STATUS} with the code,
 * wrong media types as {@code BAD_CONTENT_TYPE}.
 */
public final class HttpFetcher {
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final GuardedHttp http;
    private final RequestSigner signer;

    public HttpFetcher(GuardedHttp http, Clock clock) {
        this.http = Objects.requireNonNull(http, "http");
        this.signer = RequestSigner.of(SignatureStyle.CAVAGE, clock);
    }

    public GuardedHttp http() {
        return http;
    }

    public Future<FetchResponse> get(FetchRequest request) {
        Deadline deadline = Deadline.after(http.options().timeout());
        return hop(request, request.url(), 0, deadline);
    }

    private Future<FetchResponse> hop(FetchRequest request, OutboundUrl url, int redirects, Deadline deadline) {
        HttpHeaders headers = HttpHeaders.of(
                "Host", url.authority(),
                "Accept", request.expect().acceptHeader(),
                "User-Agent", http.options().userAgent());
        if (request.signWith().isPresent()) {
            HttpRequestView view = HttpRequestView.outbound("GET", url.uri(), headers, null);
            headers = headers.replacingAll(signer.sign(view, request.signWith().get()));
        }
        GuardedHttp.Exchange ex = new GuardedHttp.Exchange(HttpMethod.GET, url, headers, null,
                GuardedHttp.OverLimit.FAIL);
        return http.exchange(ex, deadline).compose(resp -> {
            String what = "GET " + url.forLog();
            if (REDIRECTS.contains(resp.status())) {
                String location = resp.headers().first("location").orElse("");
                if (location.isBlank()) {
                    return Future.failedFuture(FetchException.httpStatus(resp.status(),
                            what + ": answered " + resp.status() + " without a Location"));
                }
                if (redirects >= http.options().maxRedirects()) {
                    return Future.failedFuture(new FetchException(FetchException.Reason.TOO_MANY_REDIRECTS,
                            what + ": more than " + http.options().maxRedirects() + " redirects"));
                }
                OutboundUrl next;
                try {
                    next = url.resolve(location);
                } catch (FetchException e) {
                    return Future.failedFuture(e);
                }
                return hop(request, next, redirects + 1, deadline);
            }
            if (resp.status() < 200 || resp.status() > 299) {
                return Future.failedFuture(FetchException.httpStatus(resp.status(),
                        what + ": answered " + resp.status()));
            }
            String contentType = resp.headers().first("content-type").orElse("");
            if (!request.expect().accepts().test(contentType)) {
                return Future.failedFuture(new FetchException(FetchException.Reason.BAD_CONTENT_TYPE,
                        what + ": unexpected content type " + LogSafe.clip(MediaExpectation.baseType(contentType))));
            }
            return Future.succeededFuture(
                    new FetchResponse(request.url(), url, resp.status(), contentType, resp.body(), redirects));
        });
    }
}
