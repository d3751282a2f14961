package social.chorus.federation.sig;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Checks a signature's Date / created / expires against the injected clock. */
final class TimeWindow {
    private final Clock clock;
    private final Duration window;

    TimeWindow(Clock clock, Duration window) {
        this.clock = clock;
        this.window = window;
    }

    /** @param what how to name the checked value in the message ("Date", "created") */
    void check(String what, Instant claimed) throws Rejection {
        Instant now = clock.instant();
        Duration skew = Duration.between(now, claimed);
        if (skew.compareTo(window) > 0) {
            throw new Rejection(FailureReason.DATE_OUT_OF_WINDOW, what + " is " + human(skew)
                    + " in the future (clock skew allowed: " + human(window) + ")");
        }
        if (skew.negated().compareTo(window) > 0) {
            throw new Rejection(FailureReason.DATE_OUT_OF_WINDOW, what + " is stale: " + human(skew.negated())
                    + " old (allowed: " + human(window) + ")");
        }
    }

    void checkNotExpired(Instant expires) throws Rejection {
        Instant now = clock.instant();
        if (expires.isBefore(now)) {
            throw new Rejection(FailureReason.EXPIRED,
                    "signature expired " + human(Duration.between(expires, now)) + " ago");
        }
    }

    static String human(Duration d) {
        long s = d.getSeconds();
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long sec = s % 60;
        StringBuilder sb = new StringBuilder();
        if (h > 0) {
            sb.append(h).append('h');
        }
        if (m > 0) {
            sb.append(m).append('m');
        }
        if (sec > 0 || sb.length() == 0) {
            sb.append(sec).append('s');
        }
        return sb.toString();
    }
}
