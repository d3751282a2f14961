package social.chorus.federation.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import social.chorus.federation.sig.SignatureStyle;

class SignatureStyleMemoryTest {
    /** A clock the test moves by hand. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2025-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void remembersPerOriginCaseInsensitively() {
        InMemorySignatureStyles m = InMemorySignatureStyles.withDefaults(Clock.systemUTC());
        m.remember("Mastodon.Example", SignatureStyle.CAVAGE);
        m.remember("fedify.example:8443", SignatureStyle.RFC9421);
        assertThat(m.known("mastodon.example")).contains(SignatureStyle.CAVAGE);
        assertThat(m.known("fedify.example:8443")).contains(SignatureStyle.RFC9421);
        assertThat(m.known("fedify.example")).isEmpty();
    }

    @Test
    void entriesExpireSoUpgradedServersAreProbedAgain() {
        MovableClock clock = new MovableClock();
        InMemorySignatureStyles m = new InMemorySignatureStyles(clock, Duration.ofDays(30), 10);
        m.remember("a.example", SignatureStyle.CAVAGE);
        clock.advance(Duration.ofDays(29));
        assertThat(m.known("a.example")).contains(SignatureStyle.CAVAGE);
        clock.advance(Duration.ofDays(2));
        assertThat(m.known("a.example")).isEmpty();
    }

    @Test
    void leastRecentlyUsedOriginsAreDroppedBeyondTheCap() {
        InMemorySignatureStyles m = new InMemorySignatureStyles(Clock.systemUTC(), Duration.ofDays(30), 2);
        m.remember("a.example", SignatureStyle.CAVAGE);
        m.remember("b.example", SignatureStyle.CAVAGE);
        m.known("a.example");
        m.remember("c.example", SignatureStyle.CAVAGE);
        assertThat(m.known("a.example")).isPresent();
        assertThat(m.known("b.example")).isEmpty();
        assertThat(m.known("c.example")).isPresent();
    }

    @Test
    void retryAfterReadsSecondsDatesAndNonsense() {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        assertThat(RetryAfter.parse("30", now)).contains(now.plusSeconds(30));
        assertThat(RetryAfter.parse(" 0 ", now)).contains(now);
        assertThat(RetryAfter.parse("Wed, 01 Jan 2025 00:10:00 GMT", now)).contains(now.plusSeconds(600));
        assertThat(RetryAfter.parse("Tue, 31 Dec 2024 23:00:00 GMT", now)).contains(now);
        assertThat(RetryAfter.parse("99999999999999", now)).contains(now.plus(RetryAfter.MAX));
        assertThat(RetryAfter.parse("soon", now)).isEmpty();
        assertThat(RetryAfter.parse("-5", now)).isEmpty();
        assertThat(RetryAfter.parse(null, now)).isEmpty();
    }
}
