package social.chorus.federation.deref;

import java.time.Duration;

/**
 * The moment an outbound operation must be over by, on the monotonic clock, so that a chain of
 * redirects (or a delivery's retry with another signature) shares one time budget.
 */
public record Deadline(long atNanos) {

    public static Deadline after(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos());
    }

    /** Milliseconds left, at least 0. */
    public long remainingMillis() {
        return Math.max(0, (atNanos - System.nanoTime()) / 1_000_000);
    }

    public boolean passed() {
        return atNanos - System.nanoTime() <= 0;
    }
}
