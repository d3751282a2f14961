package social.chorus.federation.delivery;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import social.chorus.storage.RemoteHostRepository.HostState;

/**
 * Whether a remote host is worth delivering to, from its record of failures. Pure: a state and the
 * time go in, the next state comes out.
 *
 * <p>As Mastodon, Misskey and Smithereen do it: a host whose deliveries failed on
 * {@value #UNAVAILABLE_AFTER_DAYS} distinct UTC days since its last success is unavailable, however
 * many failures each day saw (one bad afternoon is not a dead server). Any success resets the
 * count and revives the host. A 410 Gone from a shared inbox says the whole server is gone.
 */
public final class HostHealth {
    public static final int UNAVAILABLE_AFTER_DAYS = 7;

    private HostHealth() {
    }

    public static HostState fresh(String host) {
        return new HostState(host, Optional.empty(), 0, Optional.empty(), Optional.empty(), false, Optional.empty());
    }

    /** After a failed delivery (no answer, or a 5xx) at {@code now}. */
    public static HostState afterFailure(HostState s, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        boolean newDay = s.lastFailureDay().map(d -> !d.equals(today)).orElse(true);
        int days = newDay ? s.failureDays() + 1 : s.failureDays();
        Optional<Instant> unavailable = s.unavailableSince().isPresent() || days < UNAVAILABLE_AFTER_DAYS
                ? s.unavailableSince() : Optional.of(now);
        return new HostState(s.host(), s.firstFailureAt().or(() -> Optional.of(now)), days, Optional.of(today),
                unavailable, s.gone(), s.lastSuccessAt());
    }

    /** After a 410 Gone from the host's shared inbox: the server itself is gone. */
    public static HostState afterGone(HostState s, Instant now) {
        HostState failed = afterFailure(s, now);
        return new HostState(s.host(), failed.firstFailureAt(), failed.failureDays(), failed.lastFailureDay(),
                failed.unavailableSince(), true, s.lastSuccessAt());
    }

    /** After any 2xx from the host: everything is forgiven. */
    public static HostState afterSuccess(HostState s, Instant now) {
        return new HostState(s.host(), Optional.empty(), 0, Optional.empty(), Optional.empty(), false,
                Optional.of(now));
    }

    /** Deliveries to the host are sent only while this holds. */
    public static boolean available(HostState s) {
        return !s.gone() && s.unavailableSince().isEmpty();
    }

    /** Why deliveries to an unavailable host are not sent, for the job's last_error and the operator. */
    public static String whyUnavailable(HostState s) {
        if (s.gone()) {
            return "host " + s.host() + " is gone (410 from its shared inbox)";
        }
        return "host " + s.host() + " unavailable since " + s.unavailableSince().map(Instant::toString).orElse("?")
                + " (deliveries failed on " + s.failureDays() + " distinct days)";
    }
}
