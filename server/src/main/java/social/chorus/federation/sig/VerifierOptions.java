package social.chorus.federation.sig;

import java.time.Duration;
import java.util.Objects;

/**
 * @param window how far Date / created may lie from our clock, either way. One hour matches
 *     Mastodon; it absorbs clock skew and queued redeliveries while bounding replay.
 */
public record VerifierOptions(Duration window) {
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(1);

    public VerifierOptions {
        Objects.requireNonNull(window, "window");
        if (window.isNegative()) {
            throw new IllegalArgumentException("window must not be negative");
        }
    }

    public static VerifierOptions defaults() {
        return new VerifierOptions(DEFAULT_WINDOW);
    }
}
