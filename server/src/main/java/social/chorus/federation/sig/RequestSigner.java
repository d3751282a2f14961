package social.chorus.federation.sig;

import java.time.Clock;

/**
 * Signs outbound requests in one {@link SignatureStyle}. Delivery picks the style per host (that
 * memory lives in the delivery layer); both implementations take the same inputs.
 */
public interface RequestSigner {

    SignatureStyle style();

    /**
     * The headers to set on the request before sending it: Date, Host when the request has none,
     * the body digest when there is (or may be) a body, and the signature header(s). Each one
     * replaces any header of the same name.
     */
    HttpHeaders sign(HttpRequestView request, SigningKey key);

    /** The request with {@link #sign} applied, handy for tests and for the HTTP client adapter. */
    default HttpRequestView signed(HttpRequestView request, SigningKey key) {
        return request.withHeaders(request.headers().replacingAll(sign(request, key)));
    }

    static RequestSigner of(SignatureStyle style, Clock clock) {
        return switch (style) {
            case CAVAGE -> new CavageSigner(clock);
            case RFC9421 -> new Rfc9421Signer(clock);
        };
    }
}
