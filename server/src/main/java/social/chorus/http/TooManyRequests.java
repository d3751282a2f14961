package social.chorus.http;

import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * A request refused by a rate limit. {@link FailureHandler} answers it as Mastodon does: 429
 * {@code {"error": "Too many requests"}} with {@code Retry-After} and the {@code X-RateLimit-*}
 * headers.
 */
public final class TooManyRequests extends RuntimeException {
    private static final long serialVersionUID = 1L;
    public static final String MESSAGE = "Too many requests";

    private final transient RateLimiter.Decision decision;

    public TooManyRequests(RateLimiter.Decision decision) {
        super(MESSAGE, null, false, false);
        this.decision = decision;
    }

    public RateLimiter.Decision decision() {
        return decision;
    }

    /** Whole seconds, rounded up and at least 1: a client that waits that long gets through. */
    public static long retryAfterSeconds(RateLimiter.Decision d) {
        Duration wait = d.retryAfter();
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    /**
     * Mastodon's headers: the limit, what is left, and when the bucket is full again (ISO 8601);
     * plus {@code Retry-After} on a refusal. Nothing for a limit that is off.
     */
    public static void putHeaders(HttpServerResponse response, RateLimiter.Decision d) {
        if (!d.limited()) {
            return;
        }
        response.putHeader("X-RateLimit-Limit", Integer.toString(d.limit()))
                .putHeader("X-RateLimit-Remaining", Integer.toString(d.remaining()))
                .putHeader("X-RateLimit-Reset", d.reset().truncatedTo(ChronoUnit.MILLIS).toString());
        if (!d.allowed()) {
            response.putHeader("Retry-After", Long.toString(retryAfterSeconds(d)));
        }
    }
}
