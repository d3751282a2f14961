package social.chorus.federation.deref;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Why an outbound request (a fetch or a delivery) did not produce a usable answer. The message
 * names the method, the URL without its query and the reason; it never holds a response body or
 * a header value, so it is safe to log and to show an operator.
 */
public final class FetchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** The URL cannot be requested at all (no host, user info, unsupported scheme, bad port). */
        INVALID_URL(false),
        /** Plain http outside development mode. */
        NOT_HTTPS(false),
        /** The host is, or resolves to, a loopback, private, link-local… address (the SSRF guard). */
        REFUSED_ADDRESS(false),
        /** DNS has no address for the host. Retryable: DNS outages happen. */
        UNKNOWN_HOST(true),
        /** TCP connection refused, reset or closed before an answer. */
        CONNECT_FAILED(true),
        /** The TLS handshake failed: untrusted or mismatched certificate, no common protocol. */
        TLS_FAILED(true),
        /** The whole exchange (DNS, connect, redirects, body) took longer than the limit. */
        TIMEOUT(true),
        /** The body (or its announced Content-Length) is over the limit; reading stopped there. */
        TOO_LARGE(false),
        /** More redirects than the limit, or a redirect without a usable Location. */
        TOO_MANY_REDIRECTS(false),
        /** An answer that is not 2xx (after redirects); see {@link FetchException#status()}. */
        HTTP_STATUS(false),
        /** A 2xx answer whose Content-Type is not one the caller accepts. */
        BAD_CONTENT_TYPE(false);

        private final boolean retryable;

        Reason(boolean retryable) {
            this.retryable = retryable;
        }

        /** Whether trying again later may help (the delivery queue decides how much later). */
        public boolean retryable() {
            return retryable;
        }
    }

    private final Reason reason;
    private final int status;

    public FetchException(Reason reason, String message) {
        this(reason, 0, message, null);
    }

    public FetchException(Reason reason, String message, Throwable cause) {
        this(reason, 0, message, cause);
    }

    private FetchException(Reason reason, int status, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.status = status;
    }

    /** A non-2xx answer. */
    public static FetchException httpStatus(int status, String message) {
        return new FetchException(Reason.HTTP_STATUS, status, message, null);
    }

    public Reason reason() {
        return reason;
    }

    /** The HTTP status for {@link Reason#HTTP_STATUS}; empty otherwise. */
    public OptionalInt status() {
        return reason == Reason.HTTP_STATUS ? OptionalInt.of(status) : OptionalInt.empty();
    }

    /** Retryable reasons, plus 5xx, 408 and 429 answers. */
    public boolean retryable() {
        if (reason == Reason.HTTP_STATUS) {
            return status >= 500 || status == 408 || status == 429;
        }
        return reason.retryable();
    }

    /** A 404 or 410: the resource does not exist (any more). */
    public boolean gone() {
        return reason == Reason.HTTP_STATUS && (status == 404 || status == 410);
    }
}
