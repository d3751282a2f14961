package social.chorus.federation.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import social.chorus.federation.delivery.RetryPolicy.Attempt;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy();

    @Test
    void successIsDone() {
        assertThat(policy.decide(Attempt.answered(1, 202), 0.5)).isInstanceOf(RetryPolicy.Done.class);
        assertThat(policy.decide(Attempt.answered(3, 200), 0.5)).isInstanceOf(RetryPolicy.Done.class);
    }

    @Test
    void refusalsAreFinalButTimeoutsAndRateLimitsAreRetried() {
        for (int status : new int[] {400, 401, 403, 404, 410, 422}) {
            assertThat(policy.decide(Attempt.answered(1, status), 0)).as("HTTP " + status)
                    .isEqualTo(new RetryPolicy.GiveUp("refused with HTTP " + status));
        }
        for (int status : new int[] {408, 429, 500, 502, 503}) {
            assertThat(policy.decide(Attempt.answered(1, status), 0)).as("HTTP " + status)
                    .isInstanceOf(RetryPolicy.RetryIn.class);
        }
        assertThat(policy.decide(Attempt.unanswered(1), 0)).isInstanceOf(RetryPolicy.RetryIn.class);
    }

    @Test
    void scheduleGrowsAsSidekiqsAndSpansAboutTwoDays() {
        assertThat(policy.backoff(1, 0)).isEqualTo(Duration.ofSeconds(15));
        assertThat(policy.backoff(2, 0)).isEqualTo(Duration.ofSeconds(16));
        assertThat(policy.backoff(3, 0)).isEqualTo(Duration.ofSeconds(31));
        assertThat(policy.backoff(17, 0)).isEqualTo(Duration.ofSeconds(65_551));
        assertThat(policy.backoff(3, 0.5)).isEqualTo(Duration.ofSeconds(46)); // 16 + 15 + 0.5·10·3
        Duration total = Duration.ZERO;
        int attempt = 1;
        RetryPolicy.Decision d;
        while ((d = policy.decide(Attempt.unanswered(attempt), 0.5)) instanceof RetryPolicy.RetryIn r) {
            total = total.plus(r.delay());
            attempt++;
        }
        assertThat(attempt).isEqualTo(RetryPolicy.MAX_ATTEMPTS);
        assertThat(d).isInstanceOf(RetryPolicy.GiveUp.class);
        assertThat(total.toHours()).isBetween(48L, 52L);
    }

    @Test
    void retryAfterIsHonouredWhenLongerThanTheBackoff() {
        Attempt limited = new Attempt(1, Optional.of(429), Optional.of(Duration.ofMinutes(10)));
        assertThat(policy.decide(limited, 0)).isEqualTo(new RetryPolicy.RetryIn(Duration.ofMinutes(10)));
        Attempt shortPause = new Attempt(5, Optional.of(503), Optional.of(Duration.ofSeconds(1)));
        assertThat(policy.decide(shortPause, 0)).isEqualTo(new RetryPolicy.RetryIn(policy.backoff(5, 0)));
    }
}
