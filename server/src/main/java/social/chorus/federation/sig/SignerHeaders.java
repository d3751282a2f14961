package social.chorus.federation.sig;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Set;

/** What both signers add before signing: Date, Host if missing, and whether a digest is due. */
final class SignerHeaders {
    /** Methods that carry a body by definition; an empty one is still digested so it cannot be filled in. */
    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");

    private SignerHeaders() {}

    static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    static HttpHeaders dateAndHost(HttpRequestView request, Instant now) {
        HttpHeaders added = HttpHeaders.of("Date", HttpDates.format(now));
        if (!request.headers().contains("host")) {
            added = added.plus("Host", request.authority());
        }
        return added;
    }

    static boolean digestDue(HttpRequestView request) {
        return request.hasBody() || BODY_METHODS.contains(request.method().toUpperCase(Locale.ROOT));
    }
}
