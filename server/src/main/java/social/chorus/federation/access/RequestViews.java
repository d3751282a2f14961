package social.chorus.federation.access;

import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;
import social.chorus.federation.sig.HttpHeaders;
import social.chorus.federation.sig.HttpRequestView;

/** A received GET as the signature layer sees it. */
public final class RequestViews {
    private RequestViews() {
    }

    /**
     * @param publicScheme the scheme of {@code CHORUS_BASE_URL}: what the sender signed, not what a
     *     TLS-terminating proxy forwarded to us
     */
    public static HttpRequestView withoutBody(HttpServerRequest request, String publicScheme) {
        List<HttpHeaders.Header> headers = new ArrayList<>();
        request.headers().forEach(h -> headers.add(new HttpHeaders.Header(h.getKey(), h.getValue())));
        return HttpRequestView.inbound(request.method().name(), request.uri(), HttpHeaders.fromEntries(headers), null)
                .withScheme(publicScheme);
    }
}
