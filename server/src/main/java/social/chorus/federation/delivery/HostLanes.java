package social.chorus.federation.delivery;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import social.chorus.storage.DeliveryRepository.Job;

/**
 * Runs lanes (jobs for one host, sent one after another) within the per-host cap of
 * {@link HostSlots}. A lane over the cap waits in this process for a slot of its host, and starts
 * as soon as another lane of that host ends, instead of going back to the queue and being claimed
 * again on a later tick: a burst to one big server drains at the speed the cap allows. A lane that
 * has waited past its deadline (half its lease, so that it is never sent while another process may
 * have claimed it again) is handed back to the caller unsent.
 */
final class HostLanes {
    private record Waiting(List<Job> lane, Instant deadline, Promise<Boolean> ran) {
    }

    private final HostSlots slots;
    private final Clock clock;
    private final BiFunction<List<Job>, String, Future<Void>> sender;
    private final Map<String, Deque<Waiting>> waiting = new HashMap<>();

    /** @param sender sends a lane's jobs to the host and settles each (never fails) */
    HostLanes(HostSlots slots, Clock clock, BiFunction<List<Job>, String, Future<Void>> sender) {
        this.slots = slots;
        this.clock = clock;
        this.sender = sender;
    }

    /** Sends the lane now or when a slot frees; true once sent, false when it waited past {@code deadline}. */
    Future<Boolean> run(String host, List<Job> lane, Instant deadline) {
        if (slots.tryAcquire(host)) {
            return start(host, lane).map(true);
        }
        Waiting w = new Waiting(lane, deadline, Promise.promise());
        synchronized (this) {
            waiting.computeIfAbsent(host, h -> new ArrayDeque<>()).addLast(w);
        }
        // The lane that held the slot may have ended between the try and the queueing: look again.
        next(host);
        return w.ran().future();
    }

    synchronized int waiting(String host) {
        Deque<Waiting> q = waiting.get(host);
        return q == null ? 0 : q.size();
    }

    private Future<Void> start(String host, List<Job> lane) {
        return sender.apply(lane, host).andThen(done -> {
            slots.release(host);
            next(host);
        });
    }

    /** Starts the host's next waiting lane if a slot is free; drops (unsent) those past their deadline. */
    private void next(String host) {
        while (true) {
            Waiting w;
            synchronized (this) {
                Deque<Waiting> q = waiting.get(host);
                if (q == null) {
                    return;
                }
                w = q.peekFirst();
                if (w != null && !clock.instant().isAfter(w.deadline()) && !slots.tryAcquire(host)) {
                    return; // every slot is busy: the lane that ends next starts it
                }
                q.pollFirst();
                if (q.isEmpty()) {
                    waiting.remove(host);
                }
            }
            if (w == null) {
                return;
            }
            if (clock.instant().isAfter(w.deadline())) {
                w.ran().complete(false);
                continue;
            }
            start(host, w.lane()).onComplete(ar -> w.ran().complete(true));
            return;
        }
    }
}
