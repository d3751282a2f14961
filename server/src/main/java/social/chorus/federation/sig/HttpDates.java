package social.chorus.federation.sig;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** RFC 7231 IMF-fixdate, the only Date format signatures need. */
final class HttpDates {
    /**
     * Not {@code RFC_1123_DATE_TIME} for writing: it prints single-digit days ("Tue, 3 Jun"),
     * which IMF-fixdate forbids and strict verifiers reject.
     */
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private HttpDates() {}

    static String format(Instant instant) {
        return IMF_FIXDATE.format(instant);
    }

    /** Lenient on one-digit days and zone spelling, as senders vary. */
    static Optional<Instant> parse(String value) {
        try {
            return Optional.of(DateTimeFormatter.RFC_1123_DATE_TIME.parse(value.trim(), Instant::from));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
