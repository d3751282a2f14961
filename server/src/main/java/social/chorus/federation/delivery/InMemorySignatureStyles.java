package social.chorus.federation.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import social.chorus.federation.sig.SignatureStyle;

/**
 * The per-origin signature-style memory, kept in memory for now: after a restart each cavage-only
 * origin costs one extra rejected request before it is known again, which is cheap. A table
 * ({@code remote_host}, with the delivery queue's per-host failure tracking) can implement
 * {@link SignatureStyleMemory} later without touching the poster.
 *
 * <p>Entries expire after {@code maxAge} so that a server that has since learned RFC 9421 is
 * probed again; at most {@code maxEntries} origins are kept (least recently used dropped first).
 * Thread-safe.
 */
public final class InMemorySignatureStyles implements SignatureStyleMemory {
    private record Entry(SignatureStyle style, Instant learnedAt) {
    }

    private final Clock clock;
    private final Duration maxAge;
    private final Map<String, Entry> entries;

    public InMemorySignatureStyles(Clock clock, Duration maxAge, int maxEntries) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        this.entries = new LinkedHashMap<>(256, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** 30 days, 100,000 origins (a few MB at most). */
    public static InMemorySignatureStyles withDefaults(Clock clock) {
        return new InMemorySignatureStyles(clock, Duration.ofDays(30), 100_000);
    }

    @Override
    public synchronized Optional<SignatureStyle> known(String origin) {
        String key = origin.toLowerCase(Locale.ROOT);
        Entry e = entries.get(key);
        if (e == null) {
            return Optional.empty();
        }
        if (e.learnedAt().plus(maxAge).isBefore(clock.instant())) {
            entries.remove(key);
            return Optional.empty();
        }
        return Optional.of(e.style());
    }

    @Override
    public synchronized void remember(String origin, SignatureStyle style) {
        entries.put(origin.toLowerCase(Locale.ROOT), new Entry(style, clock.instant()));
    }
}
