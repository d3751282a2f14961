package social.chorus.federation.delivery;

import java.util.HashMap;
import java.util.Map;

/**
 * At most {@code cap} POSTs in flight to one host from this process, so one busy peer cannot take
 * every connection and a slow one is not flooded. Lanes over the cap wait in {@link HostLanes}.
 */
final class HostSlots {
    private final int cap;
    private final Map<String, Integer> inFlight = new HashMap<>();

    HostSlots(int cap) {
        if (cap < 1) {
            throw new IllegalArgumentException("the per-host cap must be at least 1");
        }
        this.cap = cap;
    }

    synchronized boolean tryAcquire(String host) {
        int n = inFlight.getOrDefault(host, 0);
        if (n >= cap) {
            return false;
        }
        inFlight.put(host, n + 1);
        return true;
    }

    synchronized void release(String host) {
        inFlight.computeIfPresent(host, (h, n) -> n <= 1 ? null : n - 1);
    }

    synchronized int inFlight(String host) {
        return inFlight.getOrDefault(host, 0);
    }
}
