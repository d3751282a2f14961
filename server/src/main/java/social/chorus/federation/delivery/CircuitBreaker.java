package social.chorus.federation.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Stops hammering a host that fails fast right now, in memory and per process. After
 * {@code threshold} consecutive unanswered attempts (connection refused, timeout), each within
 * {@code window} of the previous one, the host is left alone for {@code coolDown}; its jobs are
 * rescheduled, not tried and not counted as attempts. After the cool-down one trial goes through:
 * if it fails too the breaker opens again at once, any answer closes it.
 *
 * <p>This is the short-term guard; {@link HostHealth} is the durable, days-long one.
 */
public final class CircuitBreaker {
    /** The thresholds; the defaults trip after 5 quick failures and pause for a minute. */
    public record Options(int threshold, Duration window, Duration coolDown) {
        public static final Options DEFAULT = new Options(5, Duration.ofMinutes(1), Duration.ofMinutes(1));
    }

    private static final class Streak {
        int failures;
        Instant lastFailure;
        Instant openUntil;
    }

    private final Clock clock;
    private final Options options;
    private final Map<String, Streak> streaks = new HashMap<>();

    public CircuitBreaker(Clock clock, Options options) {
        this.clock = clock;
        this.options = options;
    }

    /** Until when the host is left alone; empty when it may be tried now. */
    public synchronized Optional<Instant> openUntil(String host) {
        Streak s = streaks.get(host);
        if (s == null || s.openUntil == null || !clock.instant().isBefore(s.openUntil)) {
            return Optional.empty();
        }
        return Optional.of(s.openUntil);
    }

    /** An attempt got no answer at all. */
    public synchronized void failure(String host) {
        Instant now = clock.instant();
        Streak s = streaks.computeIfAbsent(host, h -> new Streak());
        if (s.openUntil != null) {
            // The trial after a cool-down failed: pause again straight away.
            s.openUntil = now.plus(options.coolDown());
            s.lastFailure = now;
            return;
        }
        if (s.lastFailure != null && Duration.between(s.lastFailure, now).compareTo(options.window()) > 0) {
            s.failures = 0;
        }
        s.failures++;
        s.lastFailure = now;
        if (s.failures >= options.threshold()) {
            s.openUntil = now.plus(options.coolDown());
        }
    }

    /** The host answered (with any status): it is up. */
    public synchronized void answered(String host) {
        streaks.remove(host);
    }
}
