package social.chorus.federation.sig;

import java.net.URI;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * The parts of an HTTP request that signatures cover, independent of any HTTP library.
 *
 * @param method the method exactly as sent ({@code POST}); RFC 9421 does not normalise its case
 * @param scheme {@code https} or {@code http}; only {@code @scheme} and {@code @target-uri} read
 *     it. Behind a TLS-terminating proxy the server sees plain http, so inbound callers pass the
 *     scheme of the instance's public URL rather than the socket's.
 * @param authority host[:port] the request was addressed to (Host header or HTTP/2 :authority)
 * @param target the request target as sent: path plus {@code ?query}, never decoded or
 *     re-encoded, because both schemes sign these exact bytes
 * @param headers all header lines
 * @param body the body bytes, empty when there is none; copied so the view stays immutable
 */
public record HttpRequestView(
        String method, String scheme, String authority, String target, HttpHeaders headers, byte[] body) {

    private static final byte[] NO_BODY = new byte[0];

    public HttpRequestView {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(headers, "headers");
        scheme = scheme.toLowerCase(Locale.ROOT);
        body = body == null || body.length == 0 ? NO_BODY : body.clone();
    }

    /**
     * An inbound request as a server sees it: the authority comes from the Host header, the
     * scheme defaults to https (the only one federation uses outside development).
     */
    public static HttpRequestView inbound(String method, String target, HttpHeaders headers, byte[] body) {
        return new HttpRequestView(method, "https", headers.first("host").orElse("").trim(), target, headers, body);
    }

    /** An outbound request about to be sent to {@code uri}; Host need not be among the headers yet. */
    public static HttpRequestView outbound(String method, URI uri, HttpHeaders headers, byte[] body) {
        if (uri.getScheme() == null || uri.getRawAuthority() == null) {
            throw new IllegalArgumentException("outbound requests need an absolute URI with a host: " + uri);
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        return new HttpRequestView(method, uri.getScheme(), uri.getRawAuthority(), target, headers, body);
    }

    public HttpRequestView withScheme(String newScheme) {
        return new HttpRequestView(method, newScheme, authority, target, headers, body);
    }

    public HttpRequestView withHeaders(HttpHeaders newHeaders) {
        return new HttpRequestView(method, scheme, authority, target, newHeaders, body);
    }

    /** A copy of the body; use {@link #hasBody()} to test for one without copying. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    public boolean hasBody() {
        return body.length > 0;
    }

    /** Hashes the body without handing out the internal array. */
    byte[] digestBody(MessageDigest digest) {
        return digest.digest(body);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpRequestView r && method.equals(r.method) && scheme.equals(r.scheme)
                && authority.equals(r.authority) && target.equals(r.target) && headers.equals(r.headers)
                && Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, scheme, authority, target, headers, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "HttpRequestView[" + method + " " + scheme + "://" + authority + target + ", " + body.length + " body bytes]";
    }
}
