package social.chorus.process.status;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Time-sortable status ids, as Mastodon makes them: the millisecond time shifted left 16 bits,
 * the low 16 bits a sequence that starts at a random point each millisecond (so that two
 * processes on one database rarely meet). Strictly increasing for one instance, and the server
 * makes one per process that every part making statuses shares, so ordering by id is ordering by
 * creation and {@code max_id} pages go back in time.
 */
public final class StatusIds {
    private final Clock clock;
    private final SecureRandom random;
    private long last;

    public StatusIds(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    public synchronized long next() {
        long candidate = (clock.millis() << 16) | random.nextInt(1 << 15);
        last = Math.max(candidate, last + 1);
        return last;
    }

    /** The smallest id a status created at {@code epochMillis} can have (for time-based bounds). */
    public static long floor(long epochMillis) {
        return epochMillis << 16;
    }
}
