package social.chorus.federation.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads a Retry-After header: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
final class RetryAfter {
    /** Longer requests are capped: a remote server must not park our queue for months. */
    static final Duration MAX = Duration.ofDays(1);

    private RetryAfter() {
    }

    static Optional<Instant> parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        Instant at;
        if (v.chars().allMatch(Character::isDigit)) {
            if (v.length() > 9) {
                at = now.plus(MAX);
            } else {
                at = now.plusSeconds(Long.parseLong(v));
            }
        } else {
            try {
                at = DateTimeFormatter.RFC_1123_DATE_TIME.parse(v, Instant::from);
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        if (at.isBefore(now)) {
            return Optional.of(now);
        }
        Instant cap = now.plus(MAX);
        return Optional.of(at.isAfter(cap) ? cap : at);
    }
}
