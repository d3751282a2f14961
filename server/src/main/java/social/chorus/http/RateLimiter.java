package social.chorus.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * At most {@code count} requests per {@code period} for each key (an address, an account name),
 * in this process's memory. It is a token bucket kept as one number per key (the generic cell
 * rate algorithm): a key may use all {@code count} at once, then earns one back every
 * {@code period / count}. Over time a key gets {@code count} per {@code period}, as with
 * Mastodon's fixed windows, but there is no moment when every count starts afresh at once, and
 * a refused client waits only until its next request is earned, not until a window ends.
 *
 * <p>Memory is bounded by {@code maxKeys}. A key whose bucket is full again is the same as no key
 * and is dropped when room is needed; only if every key is still busy are the least recently used
 * forgotten (so a flood of fresh keys, e.g. rotated user names, costs old keys their history but
 * never grows the map).
 */
public final class RateLimiter {
    /** {@code count} 0 turns the limit off. */
    public record Limit(int count, Duration period) {
        public Limit {
            if (count < 0 || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("bad limit " + count + " per " + period);
            }
        }

        public boolean off() {
            return count == 0;
        }
    }

    /**
     * One request's answer: whether it may go on, how many more the key has right now, when the
     * next one is earned (retryAfter, zero when allowed) and when the bucket is full again.
     */
    public record Decision(boolean allowed, int limit, int remaining, Duration retryAfter, Instant reset) {
        static final Decision UNLIMITED = new Decision(true, 0, 0, Duration.ZERO, Instant.EPOCH);

        public boolean limited() {
            return limit > 0;
        }
    }

    private final Limit limit;
    private final Clock clock;
    private final int maxKeys;
    private final long periodNanos;
    private final long intervalNanos;
    /** Key -> its theoretical arrival time (epoch nanos): the bucket is full again from then. Access order. */
    private final LinkedHashMap<String, Long> due = new LinkedHashMap<>(16, 0.75f, true);

    public RateLimiter(Limit limit, int maxKeys, Clock clock) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys " + maxKeys);
        }
        this.limit = limit;
        this.clock = clock;
        this.maxKeys = maxKeys;
        this.periodNanos = limit.period().toNanos();
        this.intervalNanos = limit.off() ? 0 : Math.max(1, periodNanos / limit.count());
    }

    public Limit limit() {
        return limit;
    }

    /** Counts one request for {@code key}, unless it is over the limit (a refused request is not counted). */
    public synchronized Decision acquire(String key) {
        if (limit.off()) {
            return Decision.UNLIMITED;
        }
        long now = nanos(clock.instant());
        Long stored = due.get(key);
        long tat = stored == null ? now : Math.max(stored, now);
        long next = tat + intervalNanos;
        long earliest = next - periodNanos;
        if (earliest > now) {
            return new Decision(false, limit.count(), 0, Duration.ofNanos(earliest - now), instant(tat));
        }
        if (stored == null) {
            makeRoom(now);
        }
        due.put(key, next);
        int remaining = (int) Math.min(limit.count(), (periodNanos - (next - now)) / intervalNanos);
        return new Decision(true, limit.count(), remaining, Duration.ZERO, instant(next));
    }

    /** Gives back one request counted for {@code key} (e.g. a sign-in whose password was right). */
    public synchronized void release(String key) {
        Long stored = due.get(key);
        if (stored == null || limit.off()) {
            return;
        }
        long now = nanos(clock.instant());
        long back = stored - intervalNanos;
        if (back <= now) {
            due.remove(key);
        } else {
            due.put(key, back);
        }
    }

    /** How many keys are held now (idle ones included until room is needed). */
    public synchronized int trackedKeys() {
        return due.size();
    }

    /**
     * Before a new key is added to a full map: drop every idle key; if that frees less than a
     * tenth, drop the least recently used ones too, so that the full scan runs at most once per
     * maxKeys / 10 new keys however the map is attacked.
     */
    private void makeRoom(long now) {
        if (due.size() < maxKeys) {
            return;
        }
        due.values().removeIf(tat -> tat <= now);
        int target = maxKeys - Math.max(1, maxKeys / 10);
        Iterator<Map.Entry<String, Long>> eldest = due.entrySet().iterator();
        while (due.size() > target && eldest.hasNext()) {
            eldest.next();
            eldest.remove();
        }
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
