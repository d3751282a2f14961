package social.chorus.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import social.chorus.http.RateLimiter.Decision;
import social.chorus.http.RateLimiter.Limit;
import social.chorus.testing.TestClock;

class RateLimiterTest {
    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
    private final TestClock clock = new TestClock(T0);

    private RateLimiter limiter(int count, Duration period, int maxKeys) {
        return new RateLimiter(new Limit(count, period), maxKeys, clock);
    }

    @Test
    void theWholeLimitMayBeUsedAtOnceThenOneIsEarnedBackPerPeriodOverCount() {
        RateLimiter l = limiter(3, Duration.ofMinutes(5), 100);
        Decision a = l.acquire("k");
        assertThat(a.allowed()).isTrue();
        assertThat(a.remaining()).isEqualTo(2);
        assertThat(a.reset()).isEqualTo(T0.plusSeconds(100));
        assertThat(l.acquire("k").remaining()).isEqualTo(1);
        Decision third = l.acquire("k");
        assertThat(third.remaining()).isZero();
        assertThat(third.reset()).isEqualTo(T0.plusSeconds(300));

        Decision refused = l.acquire("k");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.limit()).isEqualTo(3);
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(100));
        assertThat(refused.reset()).isEqualTo(T0.plusSeconds(300));
        // Other keys are not affected.
        assertThat(l.acquire("other").allowed()).isTrue();

        // Refusals are not counted: hammering does not push the next chance further out.
        clock.advance(Duration.ofSeconds(99));
        assertThat(l.acquire("k").allowed()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(l.acquire("k").allowed()).isTrue();
        assertThat(l.acquire("k").allowed()).isFalse();

        // A full period later the whole limit is back.
        clock.advance(Duration.ofMinutes(5));
        for (int i = 0; i < 3; i++) {
            assertThat(l.acquire("k").allowed()).isTrue();
        }
        assertThat(l.acquire("k").allowed()).isFalse();
    }

    @Test
    void aSteadyFloodGetsTheBurstThenOnlyTheSustainedRate() {
        RateLimiter l = limiter(10, Duration.ofMinutes(1), 100);
        int allowed = 0;
        // Two minutes of a request every second: 10 at once, then one per 6 s (19 in the other 119 s).
        for (int s = 0; s < 120; s++) {
            if (l.acquire("k").allowed()) {
                allowed++;
            }
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(allowed).isEqualTo(10 + 19);
    }

    @Test
    void releaseGivesBackOneRequest() {
        RateLimiter l = limiter(2, Duration.ofHours(1), 100);
        l.acquire("k");
        l.acquire("k");
        assertThat(l.acquire("k").allowed()).isFalse();
        l.release("k");
        assertThat(l.acquire("k").allowed()).isTrue();
        l.release("k");
        l.release("k");
        l.release("k"); // more than was taken: the key is simply forgotten
        assertThat(l.trackedKeys()).isZero();
        l.release("never seen");
        assertThat(l.acquire("k").remaining()).isEqualTo(1);
    }

    @Test
    void aCountOfZeroIsNoLimitAndHoldsNothing() {
        RateLimiter l = limiter(0, Duration.ofMinutes(5), 100);
        for (int i = 0; i < 1000; i++) {
            Decision d = l.acquire("k" + i % 3);
            assertThat(d.allowed()).isTrue();
            assertThat(d.limited()).isFalse();
        }
        assertThat(l.trackedKeys()).isZero();
    }

    @Test
    void rotatingKeysNeverGrowsTheMapPastItsBound() {
        RateLimiter l = limiter(5, Duration.ofHours(1), 1000);
        for (int i = 0; i < 50_000; i++) {
            assertThat(l.acquire("user" + i).allowed()).isTrue();
            assertThat(l.trackedKeys()).isLessThanOrEqualTo(1000);
        }
    }

    @Test
    void idleKeysGoFirstAndABusyKeyKeepsItsCountUnderAFloodOfNewOnes() {
        RateLimiter l = limiter(2, Duration.ofMinutes(10), 10);
        for (int i = 0; i < 10; i++) {
            l.acquire("old" + i);
        }
        clock.advance(Duration.ofMinutes(10)); // every old bucket is full again: idle
        l.acquire("busy");
        assertThat(l.trackedKeys()).isEqualTo(1);

        l.acquire("busy");
        assertThat(l.acquire("busy").allowed()).isFalse();
        for (int i = 0; i < 100; i++) {
            l.acquire("new" + i);
            // The busy key is the most recently used: the least recently used new ones go first.
            assertThat(l.acquire("busy").allowed()).as("after %d new keys", i + 1).isFalse();
            assertThat(l.trackedKeys()).isLessThanOrEqualTo(10);
        }
    }
}
