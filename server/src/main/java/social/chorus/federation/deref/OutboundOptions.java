package social.chorus.federation.deref;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits and identity for every outbound request. Production uses {@link #defaults}; tests pass
 * small limits so that "too large" and "too slow" cases run in milliseconds.
 *
 * @param timeout the whole exchange: DNS, connect, TLS, every redirect and the full body
 * @param maxBodyBytes reading stops (and the connection is dropped) past this many body bytes
 * @param maxRedirects how many redirects a GET follows; each target passes the guard again
 * @param userAgent {@code Chorus/VERSION (+BASE_URL)}: remote operators can see who fetches
 */
public record OutboundOptions(Duration timeout, int maxBodyBytes, int maxRedirects, String userAgent) {
    public static final int ONE_MIB = 1024 * 1024;

    public OutboundOptions {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(userAgent, "userAgent");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        if (maxBodyBytes < 0 || maxRedirects < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
    }

    /** 10 s, 1 MiB, 3 redirects: what the federation issue requires of every fetch. */
    public static OutboundOptions defaults(String userAgent) {
        return new OutboundOptions(Duration.ofSeconds(10), ONE_MIB, 3, userAgent);
    }

    public static String userAgent(String version, String baseUrl) {
        return "Chorus/" + version + " (+" + baseUrl + ")";
    }

    public OutboundOptions withTimeout(Duration newTimeout) {
        return new OutboundOptions(newTimeout, maxBodyBytes, maxRedirects, userAgent);
    }

    public OutboundOptions withMaxBodyBytes(int newMax) {
        return new OutboundOptions(timeout, newMax, maxRedirects, userAgent);
    }

    public OutboundOptions withMaxRedirects(int newMax) {
        return new OutboundOptions(timeout, maxBodyBytes, newMax, userAgent);
    }
}
