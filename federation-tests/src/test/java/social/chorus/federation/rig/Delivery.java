package social.chorus.federation.rig;

import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vertx.core.json.JsonObject;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import social.chorus.federation.sig.HttpHeaders;
import social.chorus.federation.sig.HttpRequestView;
import social.chorus.federation.sig.ParsedSignature;
import social.chorus.federation.sig.SignatureVerifier;
import social.chorus.federation.sig.VerificationResult;

/** One POST that a fake peer's inbox took (answered 2xx), as WireMock journaled it. */
public record Delivery(String path, JsonObject activity, LoggedRequest request) {

    public String type() {
        return activity.getString("type");
    }

    public String actor() {
        return activity.getString("actor");
    }

    /** The embedded object (Accept, Reject and Undo embed the Follow); fails when it is a bare id. */
    public JsonObject embedded() {
        Object object = activity.getValue("object");
        if (!(object instanceof JsonObject embedded)) {
            throw new AssertionError("expected an embedded object in " + activity.encodePrettily());
        }
        return embedded;
    }

    /**
     * The request's HTTP signature, checked against {@code key} with Chorus's own verifier (as the
     * peer would check it: scheme http, Host as sent); fails the test when it does not verify.
     */
    public ParsedSignature verifiedWith(PublicKey key) {
        SignatureVerifier verifier = new SignatureVerifier(Clock.systemUTC());
        HttpRequestView view = view();
        ParsedSignature parsed = verifier.parse(view).parsed()
                .orElseThrow(() -> new AssertionError("no parseable signature on the delivery to " + path));
        VerificationResult result = verifier.verify(parsed, view, key);
        if (!result.isVerified()) {
            throw new AssertionError("the delivery's signature does not verify: " + result.failure().orElseThrow());
        }
        return parsed;
    }

    private HttpRequestView view() {
        List<HttpHeaders.Header> headers = new ArrayList<>();
        for (HttpHeader h : request.getHeaders().all()) {
            for (String v : h.values()) {
                headers.add(new HttpHeaders.Header(h.key(), v));
            }
        }
        return HttpRequestView.inbound(request.getMethod().getName(), request.getUrl(),
                HttpHeaders.fromEntries(headers), request.getBody()).withScheme("http");
    }
}
