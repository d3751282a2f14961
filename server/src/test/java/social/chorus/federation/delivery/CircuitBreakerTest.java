package social.chorus.federation.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import social.chorus.testing.TestClock;

class CircuitBreakerTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final CircuitBreaker breaker = new CircuitBreaker(clock, CircuitBreaker.Options.DEFAULT);

    private void fail(String host, int times, Duration apart) {
        for (int i = 0; i < times; i++) {
            breaker.failure(host);
            clock.advance(apart);
        }
    }

    @Test
    void opensAfterFiveQuickFailuresAndClosesAfterTheCoolDown() {
        fail("down.example", 4, Duration.ofSeconds(5));
        assertThat(breaker.openUntil("down.example")).isEmpty();
        breaker.failure("down.example");
        Instant opened = clock.instant();
        assertThat(breaker.openUntil("down.example")).contains(opened.plus(Duration.ofMinutes(1)));
        assertThat(breaker.openUntil("other.example")).isEmpty();

        clock.advance(Duration.ofSeconds(59));
        assertThat(breaker.openUntil("down.example")).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(breaker.openUntil("down.example")).isEmpty(); // one trial may go through
    }

    @Test
    void aFailedTrialReopensAtOnceAndAnAnswerCloses() {
        fail("down.example", 5, Duration.ofSeconds(1));
        clock.advance(Duration.ofMinutes(2));
        assertThat(breaker.openUntil("down.example")).isEmpty();
        breaker.failure("down.example");
        assertThat(breaker.openUntil("down.example")).contains(clock.instant().plus(Duration.ofMinutes(1)));

        clock.advance(Duration.ofMinutes(2));
        breaker.answered("down.example");
        breaker.failure("down.example");
        assertThat(breaker.openUntil("down.example")).isEmpty(); // the streak starts over
    }

    @Test
    void slowFailuresNeverTripIt() {
        fail("slow.example", 50, Duration.ofSeconds(61));
        assertThat(breaker.openUntil("slow.example")).isEmpty();
    }

    @Test
    void anAnswerInTheMiddleBreaksTheStreak() {
        fail("flaky.example", 4, Duration.ofSeconds(1));
        breaker.answered("flaky.example");
        fail("flaky.example", 4, Duration.ofSeconds(1));
        assertThat(breaker.openUntil("flaky.example")).isEmpty();
    }

    @Test
    void hostSlotsCapInFlightPerHost() {
        HostSlots slots = new HostSlots(2);
        assertThat(slots.tryAcquire("a")).isTrue();
        assertThat(slots.tryAcquire("a")).isTrue();
        assertThat(slots.tryAcquire("a")).isFalse();
        assertThat(slots.tryAcquire("b")).isTrue();
        slots.release("a");
        assertThat(slots.inFlight("a")).isEqualTo(1);
        assertThat(slots.tryAcquire("a")).isTrue();
    }

    @Test
    void deliveryHostIsTheLowerCaseAuthority() {
        assertThat(DeliveryHost.of("https://Mastodon.Social/inbox")).isEqualTo("mastodon.social");
        assertThat(DeliveryHost.of("http://127.0.0.1:8080/users/a/inbox")).isEqualTo("127.0.0.1:8080");
    }
}
