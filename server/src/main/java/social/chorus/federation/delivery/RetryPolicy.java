package social.chorus.federation.delivery;

import java.time.Duration;
import java.util.Optional;

/**
 * What to do after one delivery attempt. Pure: the attempt number, the outcome and a jitter value
 * in [0, 1) go in, a decision comes out, so the schedule is tested on its own.
 *
 * <p>The backoff is Sidekiq's, which Mastodon's delivery uses: attempt {@code n} waits
 * {@code n⁴ + 15 + jitter·10·(n+1)} seconds; 16 retries span about two days. A 4xx other than
 * 408 and 429 is the receiver saying no: retrying cannot help.
 */
public final class RetryPolicy {
    public static final int MAX_ATTEMPTS = 17; // the first try and 16 retries

    /** How an attempt ended: an HTTP status, or none when the request never got an answer. */
    public record Attempt(int number, Optional<Integer> status, Optional<Duration> retryAfter) {
        public static Attempt answered(int number, int status) {
            return new Attempt(number, Optional.of(status), Optional.empty());
        }

        public static Attempt unanswered(int number) {
            return new Attempt(number, Optional.empty(), Optional.empty());
        }
    }

    public sealed interface Decision {
    }

    public record Done() implements Decision {
    }

    public record RetryIn(Duration delay) implements Decision {
    }

    public record GiveUp(String why) implements Decision {
    }

    public Decision decide(Attempt attempt, double jitter) {
        if (attempt.status().isPresent()) {
            int status = attempt.status().get();
            if (status >= 200 && status < 300) {
                return new Done();
            }
            if (status >= 400 && status < 500 && status != 408 && status != 429) {
                return new GiveUp("refused with HTTP " + status);
            }
        }
        if (attempt.number() >= MAX_ATTEMPTS) {
            return new GiveUp("no success after " + attempt.number() + " attempts");
        }
        Duration backoff = backoff(attempt.number(), jitter);
        // A server that names its own pause (429 or 503 with Retry-After) gets at least that.
        Duration delay = attempt.retryAfter().filter(ra -> ra.compareTo(backoff) > 0).orElse(backoff);
        return new RetryIn(delay);
    }

    /** The wait after attempt {@code n} (1-based). */
    public Duration backoff(int attempt, double jitter) {
        long n = attempt - 1; // Sidekiq counts retries from 0
        double seconds = Math.pow(n, 4) + 15 + jitter * 10 * (n + 1);
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
